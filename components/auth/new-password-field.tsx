"use client";

import { useEffect, useState } from "react";
import { TextField } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE, type PasswordStrength } from "@/server/schemas/password-strength";

const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;
const BAR = ["bg-red-600", "bg-red-600", "bg-amber-500", "bg-emerald-600", "bg-emerald-700"] as const;

/**
 * A new-password input with the server's own rule shown live (same zxcvbn check, loaded on first
 * keystroke). `context` (name, email) makes passwords built from them count as weak, as on the server.
 */
export function NewPasswordField({
  label = "New password",
  name,
  value,
  onChange,
  context = [],
  error,
  autoFocus,
}: {
  label?: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  context?: string[];
  error?: string | null;
  autoFocus?: boolean;
}) {
  // Tagged with the value it describes, so a stale answer for an earlier keystroke is never shown.
  const [checked, setChecked] = useState<{ value: string; strength: PasswordStrength } | null>(null);
  const strength = checked && checked.value === value ? checked.strength : null;
  const [shown, setShown] = useState(false);
  const contextKey = context.join("\n");

  useEffect(() => {
    if (!value) return;
    let live = true;
    const t = setTimeout(() => {
      void import("@/server/schemas/password-strength")
        .then((m) => m.checkPasswordStrength(value, contextKey ? contextKey.split("\n") : []))
        .then((s) => live && setChecked({ value, strength: s }));
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [value, contextKey]);

  const score = strength?.score ?? 0;
  return (
    <div>
      <TextField
        label={label}
        name={name}
        type={shown ? "text" : "password"}
        autoComplete="new-password"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters and hard to guess: a few unrelated words work well.`}
        autoFocus={autoFocus}
      />
      <div className="mt-2 flex items-center justify-between gap-2">
        <div className="flex flex-1 gap-1" aria-hidden="true">
          {[0, 1, 2, 3].map((i) => (
            <span key={i} className={cn("h-1.5 flex-1 rounded", value && strength && i < Math.max(1, score) ? BAR[score] : "bg-slate-200")} />
          ))}
        </div>
        <button type="button" onClick={() => setShown((v) => !v)} className="text-xs font-medium text-brand-700 hover:underline" aria-pressed={shown}>
          {shown ? "Hide" : "Show"} password
        </button>
      </div>
      <p aria-live="polite" className="mt-1 min-h-4 text-xs text-slate-700">
        {value && strength ? (
          <>
            <span className="font-medium">{LABELS[score]}</span>
            {strength.ok ? (score >= PASSWORD_MIN_SCORE ? " — good to go." : null) : ` — ${strength.problem}.`}
            {!strength.ok && strength.suggestions[0] ? ` ${strength.suggestions[0]}` : null}
          </>
        ) : null}
      </p>
    </div>
  );
}
