import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { auditEvents, emailOutbox } from "@/db/schema";
import { drainOutbox } from "@/server/email/worker";
import { test } from "../helpers/db";
import { anonymousCaller, callerAs } from "../helpers/callers";
import { createUser } from "../helpers/factories";
import { TestSmtp } from "../helpers/smtp";

const code = (c: string) => (e: unknown) => e instanceof TRPCError && e.code === c;
const smtp = new TestSmtp();
beforeAll(() => smtp.start());
afterAll(() => smtp.stop());

describe("messages to a user (U9)", () => {
  test("the preview fills merge fields for that user and escapes them in the HTML part", async ({ db }) => {
    const user = await createUser(db, { firstName: "<b>Zoë</b>", lastName: "O'Neil", company: "Acme & Sons" });
    const { caller } = await callerAs(db, "admin");
    const preview = await caller.email.messages.preview({ userId: user.id, subject: "Hi {{firstName}}", body: "Dear {{ firstName }} {{lastName}} of {{company}},\n\nYour address is {{email}}." });
    expect(preview.to).toBe(user.email);
    expect(preview.subject).toBe("Hi <b>Zoë</b>");
    expect(preview.text).toContain(`Dear <b>Zoë</b> O'Neil of Acme & Sons,\n\nYour address is ${user.email}.`);
    expect(preview.html).toContain("Dear &lt;b&gt;Zoë&lt;/b&gt; O&#39;Neil of Acme &amp; Sons,");
    expect(preview.html).not.toContain("<b>Zoë</b>");
  });

  test("an unknown merge field is refused naming the field, and nothing is queued", async ({ db }) => {
    const user = await createUser(db);
    const { caller } = await callerAs(db, "admin");
    await expect(caller.email.messages.send({ userId: user.id, subject: "Hello", body: "Hi {{frstName}}" })).rejects.toThrow(/^body: unknown merge field \{\{frstName\}\}/);
    await expect(caller.email.messages.send({ userId: user.id, subject: "", body: "Hi" })).rejects.toThrow(/subject/);
    expect(await db.select().from(emailOutbox)).toHaveLength(0);
  });

  test("sending logs it on the timeline, whose entry follows delivery from queued to sent", async ({ db }) => {
    smtp.received.length = 0;
    const user = await createUser(db, { firstName: "Mo", email: "mo@example.test" });
    const { caller, user: admin } = await callerAs(db, "admin");
    await caller.email.messages.send({ userId: user.id, subject: "Your account, {{firstName}}", body: "Hello {{firstName}}" });
    const before = await caller.timeline.list({ userId: user.id, kinds: ["email"] });
    expect(before.items[0]).toMatchObject({ summary: "Email: Your account, Mo", actorId: admin.id, data: expect.objectContaining({ delivery: "queued" }) });
    await drainOutbox({ db, transport: smtp.transport() });
    expect(smtp.received[0]).toMatchObject({ to: ["mo@example.test"], subject: "Your account, Mo" });
    expect(smtp.received[0]?.text).toContain("Hello Mo");
    const after = await caller.timeline.list({ userId: user.id, kinds: ["email"] });
    expect(after.items[0]?.data).toMatchObject({ delivery: "sent" });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "email.message_sent"));
    expect(audit).toMatchObject({ actorId: admin.id, targetId: String(user.id) });
  });

  test("only admins and owners may preview or send; an anonymised user cannot be emailed", async ({ db }) => {
    const user = await createUser(db);
    const input = { userId: user.id, subject: "Hi", body: "Hello" };
    for (const role of ["manager", "customer"] as const) {
      const { caller } = await callerAs(db, role);
      await expect(caller.email.messages.preview(input)).rejects.toSatisfy(code("FORBIDDEN"));
      await expect(caller.email.messages.send(input)).rejects.toSatisfy(code("FORBIDDEN"));
    }
    await expect(anonymousCaller(db).email.messages.send(input)).rejects.toSatisfy(code("UNAUTHORIZED"));
    expect(await db.select().from(emailOutbox)).toHaveLength(0);
    const { caller: owner } = await callerAs(db, "owner");
    await owner.users.delete({ id: user.id, mode: "anonymise" });
    await expect(owner.email.messages.send(input)).rejects.toThrow(/userId: this user was anonymised/);
    await expect(owner.email.messages.send({ ...input, userId: 999_999_999 })).rejects.toSatisfy(code("NOT_FOUND"));
  });
});
