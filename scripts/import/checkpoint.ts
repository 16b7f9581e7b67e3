import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';

// Where a killed import resumes: written only after a chunk's transaction committed (atomically, by
// rename), so a resume redoes at most one committed chunk, whose idempotent upserts change nothing.

export interface ImportCounts {
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Of the unchanged: lines restating values an objection decided CORRECTED replaced (absent in older checkpoints). */
  keptAsCorrected?: number;
  rejected: number;
  rejectsByRule: Record<string, number>;
  /** The first three rejected lines of each rule, for the quality report. */
  sampleRejects: { line: number; field: string; rule: string; message: string }[];
  /** Stored lines by subject type (absent in checkpoints written before natural-person lines were imported). */
  bySubjectType?: { LEGAL_PERSON: number; NATURAL_PERSON: number };
  /** Persons the population registry did not know, registered under the line's subjectName. */
  naturalPersonsRegistered?: number;
}

export interface Checkpoint {
  file: string;
  size: number;
  /** fileFingerprint: another file of the same size is not resumed at this one's offset (absent in older checkpoints). */
  fingerprint?: string;
  provider: string;
  offset: number;
  line: number;
  done: boolean;
  counts: ImportCounts;
}

export const emptyCounts = (): ImportCounts => ({ lines: 0, created: 0, updated: 0, unchanged: 0, keptAsCorrected: 0, rejected: 0, rejectsByRule: {}, sampleRejects: [], bySubjectType: { LEGAL_PERSON: 0, NATURAL_PERSON: 0 }, naturalPersonsRegistered: 0 });

export function readCheckpoint(path: string): Checkpoint | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Checkpoint) : null;
}

export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(checkpoint));
  renameSync(`${path}.tmp`, path);
}

const SAMPLE = 1 << 20;

/** A digest of the file's first and last megabyte: cheap at any size, and different for a replaced file. */
export function fileFingerprint(path: string, size: number): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const parts = size > 2 * SAMPLE ? [[0, SAMPLE], [size - SAMPLE, SAMPLE]] : [[0, size]];
    for (const [at, length] of parts) {
      const buf = Buffer.alloc(length);
      readSync(fd, buf, 0, length, at);
      hash.update(buf);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
