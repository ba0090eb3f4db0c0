import { expect, test, type Page } from "@playwright/test";
import { DEMO, login } from "./helpers";

/** A name no other run or spec uses, so parallel workers and reruns never collide. */
const unique = (what: string) => `E2E ${what} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

async function createGroup(page: Page, name: string): Promise<string> {
  await page.goto("/groups");
  await expect(async () => {
    await page.getByRole("button", { name: "New group" }).first().click();
    await expect(page.getByRole("dialog", { name: "New group" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const dialog = page.getByRole("dialog", { name: "New group" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(page).toHaveURL(/\/groups\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().split("/").pop() ?? "";
}

test("groups: add users by filter, smart type follows a reorder with the previewed count, tags filter the list", async ({ page }) => {
  await login(page, "admin");
  const groupName = unique("group");
  const groupId = await createGroup(page, groupName);

  // Add everyone on a filtered page of the user list through the bulk bar.
  await page.goto("/users?source=import");
  const selectAll = page.getByRole("checkbox", { name: "Select all users on this page" });
  await expect(selectAll).toBeVisible();
  await expect(async () => {
    await selectAll.check();
    await expect(page.getByRole("region", { name: "Bulk actions" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await bar.getByRole("button", { name: "Groups" }).click();
  const bulk = page.getByRole("dialog", { name: "Groups" });
  await bulk.getByLabel("Group", { exact: true }).selectOption({ label: groupName });
  const confirm = bulk.getByRole("button", { name: /^Confirm: change \d+ users?$/ });
  await expect(confirm).toBeEnabled();
  const added = Number((await confirm.textContent())?.match(/(\d+)/)?.[1]);
  expect(added).toBeGreaterThan(0);
  await confirm.click();
  await expect(bulk).toBeHidden();

  await page.goto(`/groups/${groupId}`);
  await expect(page.getByText(`${added} member${added === 1 ? "" : "s"}`, { exact: true })).toBeVisible();

  // A new smart type goes last; moving it to the top is previewed, and the save changes exactly that many.
  const typeName = unique("type");
  await page.goto("/smart-types");
  await page.getByRole("button", { name: "New smart type" }).click();
  const editor = page.getByRole("dialog", { name: "New smart type" });
  await editor.getByLabel("Name").fill(typeName);
  await editor.getByRole("checkbox", { name: groupName }).check();
  await editor.getByRole("button", { name: /^Save \(/ }).click();
  await expect(editor).toBeHidden();
  const up = page.getByRole("button", { name: `Move ${typeName} up` });
  while (await up.isEnabled()) await up.click();
  const pending = page.getByRole("region", { name: "Unsaved order" });
  await expect(pending).toContainText(/Saving this order changes the type of \d+ users?\./);
  const previewed = Number((await pending.textContent())?.match(/type of (\d+)/)?.[1]);
  await pending.getByRole("button", { name: "Save order" }).click();
  await expect(page.getByRole("status").filter({ hasText: "New order saved" })).toHaveText(
    `New order saved. ${previewed} user${previewed === 1 ? "" : "s"} changed type.`,
  );
  expect(previewed).toBeGreaterThan(0);

  await page.goto(`/users?group=${groupId}`);
  await expect(page.getByRole("cell", { name: typeName }).first()).toBeVisible();

  // Tag one member on their record, then filter the list by that tag.
  const tagName = unique("tag");
  await page.goto("/tags");
  await page.getByLabel("New tag").fill(tagName);
  await page.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByRole("list", { name: "Tags" })).toContainText(tagName);

  await page.goto(`/groups/${groupId}`);
  const firstMember = page.getByRole("list", { name: `Members of ${groupName}` }).getByRole("link").first();
  const memberName = (await firstMember.textContent()) ?? "";
  await firstMember.click();
  await expect(page).toHaveURL(/\/users\/\d+/);
  await page.getByRole("tab", { name: "Groups & tags" }).click();
  await expect(page.getByText(`In ${typeName}`)).toBeVisible();
  await page.getByLabel("Add tag").selectOption({ label: tagName });
  await page.getByRole("button", { name: "Add", exact: true }).last().click();
  await expect(page.getByRole("button", { name: `Remove tag ${tagName}` })).toBeVisible();

  const tagId = await page.evaluate(async (name) => {
    const res = await fetch(`/api/trpc/tags.list`);
    const body = (await res.json()) as { result: { data: { json: { id: number; name: string }[] } } };
    return body.result.data.json.find((t) => t.name === name)?.id;
  }, tagName);
  await page.goto(`/users?tag=${tagId}`);
  await expect(page.getByRole("button", { name: `Remove filter Tag: ${tagName}` })).toBeVisible();
  const rows = page.getByRole("checkbox", { name: /^Select (?!all)/ });
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole("link", { name: memberName })).toBeVisible();

  // Leave the shared demo data as other specs expect it.
  await page.goto("/smart-types");
  await page.getByRole("button", { name: `Delete ${typeName}` }).click();
  const del = page.getByRole("dialog", { name: `Delete ${typeName}?` });
  await expect(del).toContainText(/change type/);
  await del.getByRole("button", { name: "Delete smart type" }).click();
  await expect(del).toBeHidden();
});

test("a member sees the group message on /account, dismisses it, and it stays dismissed", async ({ page, browser }) => {
  await login(page, "admin");
  const groupName = unique("members");
  await createGroup(page, groupName);
  await page.getByPlaceholder("Find users by name, email or company").fill(DEMO.customer.email);
  await page.getByRole("list", { name: "Matching users" }).getByRole("button", { name: /^Add/ }).first().click();
  await expect(page.getByRole("status").filter({ hasText: `added to ${groupName}` })).toBeVisible();

  const title = unique("notice");
  await page.getByRole("tab", { name: "Login messages" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Message", { exact: true }).fill("Spring price list is out.");
  await page.getByRole("button", { name: "Publish message" }).click();
  await expect(page.getByRole("list", { name: "Login messages" })).toContainText(title);

  const customer = await browser.newContext();
  try {
    const member = await customer.newPage();
    await login(member, "customer");
    const message = member.getByRole("article", { name: title });
    await expect(message).toContainText("Spring price list is out.");
    await message.getByRole("button", { name: `Dismiss message: ${title}` }).click();
    await expect(message).toBeHidden();
    await member.reload();
    await expect(member.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await expect(member.getByRole("article", { name: title })).toHaveCount(0);
  } finally {
    await customer.close();
  }
});
