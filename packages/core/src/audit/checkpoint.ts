/**
 * Signed checkpoints of the audit chain's head (DESIGN.md: "the audit chain's head is checkpointed
 * and signed"). The hash chain alone shows a change in the middle, but not a cut tail or a chain
 * rewritten from some record on and re-hashed to the end: both leave a chain whose links all hold.
 * A checkpoint — the last `seq`, its `hash`, the time, and the server's Ed25519 signature — kept
 * where a database writer cannot reach (an append-only file in the data folder, the log stream, every
 * evidence export) pins what the chain looked like; `compareChainWithCheckpoints` says what no longer
 * matches. Pure: the signature check is passed in, the caller reads the table and the file.
 */

/** The file in DATA_DIR, one checkpoint a line. */
export const AUDIT_CHECKPOINT_FILE = 'audit-checkpoints.log';

export type AuditCheckpoint = {
  /** The last record covered. */
  seq: number;
  /** That record's `hash`: it fixes every record before it through the chain. */
  hash: string;
  /** ISO 8601 time the checkpoint was taken. */
  at: string;
};

export type SignedAuditCheckpoint = AuditCheckpoint & { signature: string };

/** What is signed: a fixed shape with its own `kind`, so it can never be taken for a receipt. */
export function auditCheckpointStatement(checkpoint: AuditCheckpoint): {
  kind: 'vangnet-audit-checkpoint';
  v: 1;
  seq: number;
  hash: string;
  at: string;
} {
  return {
    kind: 'vangnet-audit-checkpoint',
    v: 1,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    at: checkpoint.at,
  };
}

/** `<seq> <hash> <time> <signature>\n`: plain text, so `tail` and `grep` read it too. */
export function formatAuditCheckpointLine(checkpoint: SignedAuditCheckpoint): string {
  return `${checkpoint.seq} ${checkpoint.hash} ${checkpoint.at} ${checkpoint.signature}\n`;
}

const LINE =
  /^([1-9][0-9]{0,15}) ([0-9a-f]{64}) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z) ([0-9a-f]{128})$/;

export function parseAuditCheckpointLine(line: string): SignedAuditCheckpoint | null {
  const m = LINE.exec(line);
  if (!m || Number.isNaN(Date.parse(m[3]!))) return null;
  return { seq: Number(m[1]), hash: m[2]!, at: m[3]!, signature: m[4]! };
}

export type CheckpointLog = {
  /** In file order, each with its 1-based line number. */
  checkpoints: (SignedAuditCheckpoint & { line: number })[];
  /** Lines that are not checkpoints; an append-only file of our own lines has none. */
  badLines: { line: number; text: string }[];
};

export function parseAuditCheckpointLog(text: string): CheckpointLog {
  const checkpoints: CheckpointLog['checkpoints'] = [];
  const badLines: CheckpointLog['badLines'] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [i, raw] of lines.entries()) {
    const parsed = parseAuditCheckpointLine(raw);
    if (parsed) checkpoints.push({ ...parsed, line: i + 1 });
    else badLines.push({ line: i + 1, text: raw.slice(0, 80) });
  }
  return { checkpoints, badLines };
}

/** What the table holds, as far as the comparison needs it. */
export type ChainFacts = {
  /** The table's last `seq` (0 when empty). */
  lastSeq: number;
  /** The stored `hash` of each record whose `seq` a checkpoint names (absent: no such row). */
  hashAt: ReadonlyMap<number, string>;
};

export type CheckpointFinding =
  /** The table ends before a checkpointed record: records `from`–`to` were removed. */
  | { kind: 'missing'; from: number; to: number; checkpoint: AuditCheckpoint }
  /**
   * The record at `checkpoint.seq` has another hash than was signed: it or a record before it was
   * rewritten (and the links re-hashed). `since` is the last record a still-matching checkpoint vouches
   * for (0: none), so the change lies in `since + 1`–`checkpoint.seq`.
   */
  | { kind: 'changed'; since: number; checkpoint: AuditCheckpoint; storedHash: string }
  /** A checkpoint whose signature does not verify with the server key: not evidence of anything. */
  | { kind: 'bad-signature'; line: number; checkpoint: AuditCheckpoint };

export type CheckpointComparison = {
  ok: boolean;
  /** The newest checkpoint (highest `seq`, last written among equals), if any. */
  latest: SignedAuditCheckpoint | null;
  /** Records newer than every checkpoint: not yet vouched for (normal for the last few seconds). */
  uncovered: { from: number; to: number } | null;
  findings: CheckpointFinding[];
};

/**
 * Compares the table with every checkpoint. The latest checkpoint and every checkpoint named in a
 * finding must carry a valid signature (checking all of a long file's signatures would take minutes;
 * the others are only used to narrow down where a change starts). Reports the first changed
 * checkpoint (with the last matching one before it) and any cut tail.
 */
export function compareChainWithCheckpoints(
  log: Pick<CheckpointLog, 'checkpoints'>,
  chain: ChainFacts,
  verifySignature: (statement: ReturnType<typeof auditCheckpointStatement>, signature: string) => boolean,
): CheckpointComparison {
  const findings: CheckpointFinding[] = [];
  const signed = (c: CheckpointLog['checkpoints'][number]): boolean => {
    if (verifySignature(auditCheckpointStatement(c), c.signature)) return true;
    findings.push({ kind: 'bad-signature', line: c.line, checkpoint: strip(c) });
    return false;
  };
  const bySeq = [...log.checkpoints].sort((a, b) => a.seq - b.seq || a.line - b.line);
  const latest = bySeq.at(-1) ?? null;
  if (latest) signed(latest);

  let since = 0;
  let changed: CheckpointFinding | null = null;
  for (const c of bySeq) {
    if (c.seq > chain.lastSeq) break;
    const stored = chain.hashAt.get(c.seq);
    if (stored === c.hash) {
      since = c.seq;
      continue;
    }
    if (signed(c)) changed = { kind: 'changed', since, checkpoint: strip(c), storedHash: stored ?? '' };
    break;
  }
  if (changed) findings.push(changed);
  if (latest && latest.seq > chain.lastSeq) {
    findings.push({ kind: 'missing', from: chain.lastSeq + 1, to: latest.seq, checkpoint: strip(latest) });
  }
  const top = latest?.seq ?? 0;
  return {
    ok: findings.length === 0,
    latest: latest ? { ...strip(latest), signature: latest.signature } : null,
    uncovered: chain.lastSeq > top ? { from: top + 1, to: chain.lastSeq } : null,
    findings,
  };
}

function strip(c: AuditCheckpoint): AuditCheckpoint {
  return { seq: c.seq, hash: c.hash, at: c.at };
}

/** One line per finding, for `vangnet verify-audit`. */
export function describeCheckpointFinding(finding: CheckpointFinding): string {
  const c = finding.checkpoint;
  switch (finding.kind) {
    case 'missing': {
      const records =
        finding.from === finding.to ? `record ${finding.from}` : `records ${finding.from}–${finding.to}`;
      return `MISSING ${records}: the signed checkpoint of ${c.at} covers seq ${c.seq}, the table ends at ${finding.from - 1}`;
    }
    case 'changed': {
      const range = finding.since + 1 === c.seq ? `record ${c.seq}` : `records ${finding.since + 1}–${c.seq}`;
      const stored = finding.storedHash ? `${finding.storedHash.slice(0, 16)}…` : 'no row';
      return `CHANGED ${range}: the signed checkpoint of ${c.at} fixes seq ${c.seq} at hash ${c.hash.slice(0, 16)}…, the table has ${stored}; ${
        finding.since
          ? `seq ${finding.since} and before still match an earlier checkpoint`
          : 'no earlier checkpoint still matches'
      }`;
    }
    case 'bad-signature':
      return `BAD SIGNATURE on checkpoint line ${finding.line} (seq ${c.seq}, ${c.at}): it was not signed by this server key`;
  }
}
