import { describe, expect, it } from "vitest";
import { diffRecords, fieldLabel, formatValue } from "@/components/audit/diff";

describe("audit diff", () => {
  it("lists only the fields that changed", () => {
    expect(diffRecords({ a: 1, b: "x", tags: ["p"] }, { a: 1, b: "y", tags: ["p", "q"] })).toEqual([
      { field: "b", before: "x", after: "y" },
      { field: "tags", before: ["p"], after: ["p", "q"] },
    ]);
  });

  it("shows every field of a creation or a deletion", () => {
    expect(diffRecords(null, { name: "Gold" })).toEqual([{ field: "name", before: undefined, after: "Gold" }]);
    expect(diffRecords({ name: "Gold", position: 2 }, null)).toEqual([
      { field: "name", before: "Gold", after: undefined },
      { field: "position", before: 2, after: undefined },
    ]);
    expect(diffRecords(null, null)).toEqual([]);
  });

  it("formats values for people", () => {
    expect(formatValue(null)).toBe("—");
    expect(formatValue(true)).toBe("Yes");
    expect(formatValue(12500)).toBe("12,500");
    expect(formatValue(["North", "South"])).toBe("North, South");
    expect(formatValue({ x: 1 })).toBe('{"x":1}');
    expect(formatValue("x".repeat(500))).toHaveLength(160);
    expect(fieldLabel("passwordExpiryMonths")).toBe("Password expiry months");
    expect(fieldLabel("vat_number")).toBe("Vat number");
  });
});
