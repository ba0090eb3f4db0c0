// What every group of bench cases receives, and the data-dependent picks (heaviest user, a group,
// a tag, a rare search fragment) chosen once per run from the database itself.
import type { Database } from "../../db/client";
import type { HttpClient } from "./http";
import type { Bare, Owner } from "./setup";

export interface Picks {
  heavyUserId: number;
  heavyOrders: number;
  typicalUserId: number;
  groupId: number;
  groupMembers: number;
  tagId: number;
  tagUsers: number;
  rareFragment: string;
  targetUsers: number;
  users: number;
}

export interface BenchContext {
  db: Database;
  bare: Bare;
  owner: Owner;
  caller: Owner["caller"];
  picks: Picks;
  http: HttpClient | null;
  quick: boolean;
  log: (s: string) => void;
}

export async function choosePicks(bare: Bare): Promise<Picks> {
  const [heavy] = await bare`SELECT id, order_count FROM users ORDER BY order_count DESC, id LIMIT 1`;
  const [typical] = await bare`SELECT id FROM users WHERE order_count = 3 ORDER BY id LIMIT 1`;
  // A mid-sized group and the most used tag: selective enough that the filter has work to do.
  const groups = await bare`SELECT group_id, count(*)::bigint AS n FROM group_members GROUP BY group_id ORDER BY n DESC, group_id`;
  const group = groups[Math.min(2, groups.length - 1)];
  const [tag] = await bare`SELECT tag_id, count(*)::bigint AS n FROM user_tags GROUP BY tag_id ORDER BY n DESC, tag_id LIMIT 1`;
  const [counts] = await bare`SELECT (SELECT count(*) FROM sales_targets)::int AS targets, (SELECT coalesce(max(id), 0) FROM users)::bigint AS max_id,
    (SELECT coalesce(sum(n), 0) FROM user_counters WHERE key = 'all')::bigint AS users`;
  // A rare fragment: the tail of one customer's email local part ("morris777777" of ivy.morris777777@…).
  const probe = Math.max(1, Math.floor(Number(counts?.max_id ?? 1) * 0.777));
  const [rare] = await bare`SELECT email FROM users WHERE id >= ${probe} AND role = 'customer' ORDER BY id LIMIT 1`;
  const local = String(rare?.email ?? "nobody").split("@")[0] ?? "nobody";
  const rareFragment = (local.includes(".") ? local.slice(local.indexOf(".") + 1) : local).slice(0, 20);
  if (!heavy || !group || !tag) throw new Error("the bench database has no orders, groups or tags: seed it first");
  return {
    heavyUserId: Number(heavy.id),
    heavyOrders: Number(heavy.order_count),
    typicalUserId: Number(typical?.id ?? heavy.id),
    groupId: Number(group.group_id),
    groupMembers: Number(group.n),
    tagId: Number(tag.tag_id),
    tagUsers: Number(tag.n),
    rareFragment,
    targetUsers: Number(counts?.targets ?? 0),
    users: Number(counts?.users ?? 0),
  };
}
