import type { BoundedAggregatePlan, BoundedAggregateRows, BoundedGroupRow, PlanFilter, PlanMeasure } from '@steward/core';
import { sql, type RawBuilder } from 'kysely';
import { isUuid, toNumber, type Db } from './support.ts';

/**
 * A private query's exact member-bounded aggregates in SQL (issue 7; semantics and why they give
 * the declared sensitivities: core's privacy/aggregate-plan.ts). No noise here.
 *
 * The plan of the SQL, and why it is cheap: bounding rows per member with a window over the rows
 * (row_number() over (partition by member …)) sorts every record and costs 5–10× the plain
 * aggregate. Instead the records are aggregated ONCE per (member, group) — one hash aggregate,
 * as costly as the plain GROUP BY — into n and Σ clamped values; the bounds are then applied to
 * that much smaller table: least(n, r), the per-member-group sum clamped to r× the bounds, and,
 * only when a member could reach more than k groups, a window over (member, group) rows keeping
 * each member's k groups with the smallest md5(member ␟ keys). Histograms run one such query each
 * (grouped by bin as well) in the same snapshot.
 */

type Sql = RawBuilder<unknown>;

const num = (x: bigint | number): Sql => sql`${String(x)}::numeric`;

/** A field of the record's data as text. */
const text = (field: string): Sql => sql`(data->>${field})`;

/** A numeric field in grid units: clamp(round(x / grid), lower, upper); null when absent. */
function gridUnits(m: { field: string; grid: number; lower: bigint; upper: bigint }): Sql {
  const x = sql`(data->>${m.field})::numeric`;
  const rounded = m.grid === 1 ? sql`round(${x})` : sql`round(${x} / ${num(m.grid)})`;
  // greatest/least skip NULLs, so a bare clamp would turn an absent value into `upper`: keep it null.
  return sql`case when ${x} is null then null else greatest(${num(m.lower)}, least(${num(m.upper)}, ${rounded})) end`;
}

function filterSql(f: PlanFilter): Sql {
  const values = f.values.map((v) => String(v));
  let lhs: Sql;
  let cast: string;
  switch (f.type) {
    case 'integer':
    case 'money':
    case 'number':
      lhs = sql`(data->>${f.field})::numeric`;
      cast = 'numeric';
      break;
    case 'timestamp':
      lhs = sql`(data->>${f.field})::timestamptz`;
      cast = 'timestamptz';
      break;
    case 'date':
      lhs = sql`(data->>${f.field})::date`;
      cast = 'date';
      break;
    default:
      lhs = text(f.field);
      cast = 'text';
  }
  if (f.op === 'in') return sql`${lhs} = any(${values}::${sql.raw(cast)}[])`;
  const op = { eq: '=', ne: '<>', gte: '>=', gt: '>', lte: '<=', lt: '<' }[f.op];
  return sql`${lhs} ${sql.raw(op)} ${values[0]!}::${sql.raw(cast)}`;
}

/** Whether a member can reach more groups than they may keep (else no window is needed). */
function needsPartitionBound(plan: BoundedAggregatePlan): boolean {
  if (plan.groupBy.length === 0) return false;
  if (plan.groupBy.some((g) => !g.domain)) return true;
  return plan.maxPartitionsPerMember < plan.groupBy.reduce((n, g) => n * g.domain!.length, 1);
}

const keyCols = (n: number, prefix = ''): Sql[] => Array.from({ length: n }, (_, i) => sql.raw(`${prefix}g${i}`));
const list = (items: Sql[]): Sql => sql.join(items, sql`, `);
/** The order of a member's groups: md5 of member id and keys (byte order), keys breaking ties. */
const orderKey = (n: number): Sql => sql`md5(${sql.join([sql`m::text`, ...keyCols(n)], sql` || chr(31) || `)}) collate "C"${n ? sql`, ${list(keyCols(n))}` : sql``}`;

/** The rows of the query: filtered, of the given members, with the group keys as g0, g1, … */
function base(plan: BoundedAggregatePlan, members: string[], extra: Sql[]): Sql {
  const conds: Sql[] = [sql`dataset_id = ${plan.datasetId}::uuid`, sql`member_id = any(${`{${members.join(',')}}`}::uuid[])`];
  for (const f of plan.filters) conds.push(filterSql(f));
  plan.groupBy.forEach((g) => {
    conds.push(g.domain ? sql`${text(g.field)} = any(${g.domain}::text[])` : sql`${text(g.field)} is not null`);
  });
  const cols = [sql`member_id as m`, ...plan.groupBy.map((g, i) => sql`${text(g.field)} as ${sql.raw(`g${i}`)}`), ...extra];
  return sql`select ${list(cols)} from records where ${sql.join(conds, sql` and `)}`;
}

type Row = Record<string, string | null>;

async function mainQuery(db: Db, plan: BoundedAggregatePlan, members: string[]): Promise<{ groups: Map<string, BoundedGroupRow>; contributors: string[] }> {
  const g = plan.groupBy.length;
  const r = plan.maxRowsPerMember;
  const sums = plan.measures.flatMap((m, i) => (m.measure === 'sum' || m.measure === 'centred_sum' ? [{ m, i }] : []));
  const extra = sums.map(({ m, i }) => sql`${gridUnits(m as Extract<PlanMeasure, { measure: 'sum' }>)} as ${sql.raw(`v${i}`)}`);
  const mgCols = [sql`m`, ...keyCols(g), sql`count(*) as n`, ...sums.map(({ i }) => sql`coalesce(sum(${sql.raw(`v${i}`)}), 0) as ${sql.raw(`s${i}`)}`)];
  const mg = sql`select ${list(mgCols)} from (${base(plan, members, extra)}) b group by ${list([sql`m`, ...keyCols(g)])}`;
  const kept = needsPartitionBound(plan)
    ? sql`select * from (select mg.*, row_number() over (partition by m order by ${orderKey(g)}) as rn from (${mg}) mg) x where rn <= ${plan.maxPartitionsPerMember}::int`
    : mg;
  const outs: Sql[] = [sql`count(*)::text as members`];
  plan.measures.forEach((m, i) => {
    const col = sql.raw(`o${i}`);
    if (m.measure === 'rows') outs.push(sql`sum(least(n, ${r}::int))::text as ${col}`);
    else if (m.measure === 'members') outs.push(sql`count(*)::text as ${col}`);
    else if (m.measure === 'sum') {
      const lo = BigInt(r) * (m.lower < 0n ? m.lower : 0n);
      const hi = BigInt(r) * (m.upper > 0n ? m.upper : 0n);
      outs.push(sql`sum(greatest(${num(lo)}, least(${num(hi)}, ${sql.raw(`s${i}`)})))::text as ${col}`);
    } else if (m.measure === 'centred_sum') {
      const lo = BigInt(r) * (m.lower - m.centre);
      const hi = BigInt(r) * (m.upper - m.centre);
      outs.push(sql`sum(greatest(${num(lo)}, least(${num(hi)}, ${sql.raw(`s${i}`)} - n * ${num(m.centre)})))::text as ${col}`);
    } else outs.push(sql`null::text as ${col}`); // histograms: their own query below
  });
  const nulls = plan.measures.map((_, i) => sql`null::text as ${sql.raw(`o${i}`)}`);
  const keysAsText = keyCols(g);
  const nullKeys = keyCols(g).map((k) => sql`null::text as ${k}`);
  // Groups, then the contributing members, in one statement over the same (member, group) table.
  const query = sql<Row>`
    with kept as (${kept})
    select 'g' as t, ${list([...keysAsText, ...outs])}, null::text as member from kept ${g ? sql`group by ${list(keyCols(g))}` : sql``}
    union all
    select 'm' as t, ${list([...nullKeys, sql`null::text as members`, ...nulls])}, m::text as member from kept group by m`;
  const rows = (await query.execute(db)).rows;
  const groups = new Map<string, BoundedGroupRow>();
  const contributors: string[] = [];
  for (const row of rows) {
    if (row.t === 'm') {
      contributors.push(row.member!);
      continue;
    }
    const key = keyCols(g).map((_, i) => row[`g${i}`]!);
    if (g === 0 && toNumber(row.members!) === 0) continue; // no group-by and nobody: an aggregate over no rows
    groups.set(JSON.stringify(key), {
      key,
      members: toNumber(row.members!),
      values: plan.measures.map((m, i) => (m.measure === 'histogram' ? [] : [BigInt(row[`o${i}`] ?? '0')])),
    });
  }
  return { groups, contributors };
}

/** One histogram measure: per group and bin, counts scaled down per member-group to at most r in total. */
async function histogramQuery(db: Db, plan: BoundedAggregatePlan, members: string[], m: Extract<PlanMeasure, { measure: 'histogram' }>): Promise<Map<string, bigint[]>> {
  const g = plan.groupBy.length;
  const r = plan.maxRowsPerMember;
  let bin: Sql;
  if (m.categories) bin = sql`array_position(${m.categories}::text[], ${text(m.field)}) - 1`;
  else {
    const v = gridUnits(m);
    // Same NULL trap as in gridUnits: least(bins − 1, NULL) is bins − 1, so an absent value must stay in no bin.
    bin = sql`case when ${v} is null then null else least(${m.bins - 1}::int, floor((${v} - ${num(m.lower)}) * ${m.bins}::int / ${num(m.upper - m.lower)}))::int end`;
  }
  const keys = keyCols(g);
  const mgb = sql`select ${list([sql`m`, ...keys, sql`b`, sql`count(*) as n`])} from (${base(plan, members, [sql`${bin} as b`])}) x group by ${list([sql`m`, ...keys, sql`b`])}`;
  const rank = needsPartitionBound(plan) ? sql`dense_rank() over (partition by m order by ${orderKey(g)})` : sql`1`;
  const tot = sql`sum(case when b is null then 0 else n end) over (partition by ${list([sql`m`, ...keys])})`;
  const query = sql<Row>`
    select ${list([...keys, sql`b::text as b`, sql`sum(case when tot > ${r}::int then floor(n * ${r}::int / tot) else n end)::text as c`])}
    from (select mgb.*, ${tot} as tot, ${rank} as rn from (${mgb}) mgb) t
    where rn <= ${plan.maxPartitionsPerMember}::int and b is not null
    group by ${list([...keys, sql`b`])}`;
  const out = new Map<string, bigint[]>();
  for (const row of (await query.execute(db)).rows) {
    const key = JSON.stringify(keys.map((_, i) => row[`g${i}`]!));
    let bins = out.get(key);
    if (!bins) out.set(key, (bins = Array.from({ length: m.categories ? m.categories.length : m.bins }, () => 0n)));
    bins[Number(row.b)] = BigInt(row.c!.split('.')[0]!);
  }
  return out;
}

export async function aggregateBounded(db: Db, plan: BoundedAggregatePlan, memberIds: readonly string[]): Promise<BoundedAggregateRows> {
  // Ids are checked, so the array literal holds nothing but uuids.
  const members = [...new Set(memberIds.filter(isUuid).map((m) => m.toLowerCase()))];
  if (!isUuid(plan.datasetId) || members.length === 0) return { groups: [], contributors: [] };
  const { groups, contributors } = await mainQuery(db, plan, members);
  for (const [i, m] of plan.measures.entries()) {
    if (m.measure !== 'histogram') continue;
    const bins = await histogramQuery(db, plan, members, m);
    for (const [key, group] of groups) group.values[i] = bins.get(key) ?? Array.from({ length: m.categories ? m.categories.length : m.bins }, () => 0n);
  }
  return { groups: [...groups.values()], contributors: contributors.sort() };
}
