import { describe, expect, it } from 'vitest';
import {
  type CheckpointLog,
  compareChainWithCheckpoints,
  describeCheckpointFinding,
  formatAuditCheckpointLine,
  parseAuditCheckpointLog,
} from './checkpoint.ts';

const h = (n: number) => n.toString(16).padStart(64, '0');
const sig = 'ab'.repeat(64);
const at = (n: number) => `2026-11-30T10:00:0${n}.000Z`;
const log = (...seqs: number[]): CheckpointLog['checkpoints'] =>
  seqs.map((seq, i) => ({ seq, hash: h(seq), at: at(i), signature: sig, line: i + 1 }));
/** The table as a map seq → hash; `changedFrom` gives other hashes from there on (a re-chained rewrite). */
const table = (last: number, changedFrom = Infinity) => ({
  lastSeq: last,
  hashAt: new Map(
    Array.from({ length: last }, (_, i) => [i + 1, i + 1 >= changedFrom ? h(1000 + i) : h(i + 1)]),
  ),
});
const valid = () => true;

describe('audit checkpoints', () => {
  it('round-trips a line and names lines that are not checkpoints', () => {
    const line = formatAuditCheckpointLine({ seq: 54, hash: h(54), at: at(1), signature: sig });
    expect(line).toBe(`54 ${h(54)} ${at(1)} ${sig}\n`);
    const parsed = parseAuditCheckpointLog(`${line}garbage\n${line}`);
    expect(parsed.checkpoints.map((c) => [c.seq, c.line])).toEqual([
      [54, 1],
      [54, 3],
    ]);
    expect(parsed.badLines).toEqual([{ line: 2, text: 'garbage' }]);
  });

  it.each([
    ['intact, nothing newer', 10, Infinity, [], null],
    ['intact, records after the last checkpoint', 12, Infinity, [], { from: 11, to: 12 }],
  ])('passes: %s', (_, last, changedFrom, findings, uncovered) => {
    const result = compareChainWithCheckpoints({ checkpoints: log(4, 10) }, table(last, changedFrom), valid);
    expect(result).toMatchObject({ ok: true, findings, uncovered });
  });

  it.each([
    [
      9,
      'MISSING record 10: the signed checkpoint of 2026-11-30T10:00:01.000Z covers seq 10, the table ends at 9',
    ],
    [
      5,
      'MISSING records 6–10: the signed checkpoint of 2026-11-30T10:00:01.000Z covers seq 10, the table ends at 5',
    ],
  ])('names a tail cut to %i records', (last, message) => {
    const result = compareChainWithCheckpoints({ checkpoints: log(4, 10) }, table(last), valid);
    expect(result.ok).toBe(false);
    expect(result.findings.map(describeCheckpointFinding)).toEqual([message]);
  });

  it('names the range of a rewrite that was re-chained to the end, between two checkpoints', () => {
    const result = compareChainWithCheckpoints({ checkpoints: log(4, 10) }, table(12, 7), valid);
    expect(result.findings).toEqual([
      { kind: 'changed', since: 4, checkpoint: { seq: 10, hash: h(10), at: at(1) }, storedHash: h(1009) },
    ]);
    expect(describeCheckpointFinding(result.findings[0]!)).toMatch(
      /^CHANGED records 5–10: .* seq 4 and before/,
    );
  });

  it('sees a cut followed by new records (the table is as long again, with other hashes)', () => {
    const result = compareChainWithCheckpoints({ checkpoints: log(10) }, table(11, 8), valid);
    expect(result.findings.map((f) => f.kind)).toEqual(['changed']);
  });

  it('refuses a latest checkpoint that the server key did not sign', () => {
    const result = compareChainWithCheckpoints({ checkpoints: log(4, 10) }, table(10), () => false);
    expect(result.findings).toEqual([
      { kind: 'bad-signature', line: 2, checkpoint: { seq: 10, hash: h(10), at: at(1) } },
    ]);
  });
});
