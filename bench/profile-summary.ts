/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and lists the functions with the most self
 * time, grouped by function and source position, so a bench run says where the time goes.
 */

/** The parts of a `.cpuprofile` this reads. */
export interface CpuProfile {
  readonly nodes: readonly { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One function's share of the samples. */
export interface ProfileLine {
  readonly name: string;
  /** File (relative to the project when inside it) and 1-based line. */
  readonly where: string;
  readonly selfMs: number;
  readonly percent: number;
}

/** The `top` functions by self time; `(idle)`/`(program)`/`(garbage collector)` are kept, as they are part of the cost. */
export function summarizeProfile(profile: CpuProfile, top: number, root = process.cwd()): ProfileLine[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    // timeDeltas[i] is the time before sample i; it belongs to that sample's function.
    const dt = Math.max(0, profile.timeDeltas[i] ?? 0);
    total += dt;
    const f = byId.get(id);
    if (!f) return;
    const file = f.url.replace(/^file:\/\//, '');
    const where = file ? `${file.startsWith(root) ? file.slice(root.length + 1) : file}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName}@${where}`;
    const e = self.get(key) ?? { name: f.functionName || '(anonymous)', where, us: 0 };
    e.us += dt;
    self.set(key, e);
  });
  return [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, selfMs: e.us / 1000, percent: total > 0 ? (100 * e.us) / total : 0 }));
}
