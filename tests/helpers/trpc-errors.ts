import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { expect } from "vitest";

/** Awaits a call that must fail with `code`; returns the error so tests can read the message. */
export async function expectTRPCError(call: Promise<unknown>, code: TRPC_ERROR_CODE_KEY): Promise<TRPCError> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe(code);
    return err as TRPCError;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}
