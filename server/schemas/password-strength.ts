import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/** The one password rule (U6, I2), used by the server and shown live by the forms. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_MIN_SCORE = 3;

export interface PasswordStrength {
  /** 0 (guessable in seconds) … 4 (very strong), from zxcvbn. */
  score: number;
  ok: boolean;
  /** Why it is refused, in words; null when accepted. */
  problem: string | null;
  suggestions: string[];
}

let factory: Promise<ZxcvbnFactory> | undefined;

/** Loaded on first use: the dictionaries are large, and the login page never needs them. */
function checker(): Promise<ZxcvbnFactory> {
  factory ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
  })();
  return factory;
}

/** `context`: the user's own name and address, which make a password easy to guess. */
export async function checkPasswordStrength(password: string, context: string[] = []): Promise<PasswordStrength> {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return {
      score: 0,
      ok: false,
      problem: `use at least ${PASSWORD_MIN_LENGTH} characters (${password.length} so far)`,
      suggestions: ["A few unrelated words make a long password that is easy to remember."],
    };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { score: 0, ok: false, problem: `use at most ${PASSWORD_MAX_LENGTH} characters`, suggestions: [] };
  }
  const inputs = context.flatMap((c) => c.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length >= 3);
  const result = (await checker()).check(password, inputs);
  const ok = result.score >= PASSWORD_MIN_SCORE;
  const warning = result.feedback.warning?.replace(/\.$/, "");
  return {
    score: result.score,
    ok,
    problem: ok ? null : `is too easy to guess${warning ? `: ${warning.charAt(0).toLowerCase()}${warning.slice(1)}` : ""}`,
    suggestions: ok ? [] : result.feedback.suggestions,
  };
}
