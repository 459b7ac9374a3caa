// Shapes shared by the demo generator's parts: the file specs it emits and its working state.
import type { PackageFile, PackageRecords } from '../../src-shared/records/records';
import type { PlanDoc } from './plan-text';
import type { ShopShot } from './screenshot';
import type { Rng } from './prng';
import type { SimilaritySeeds } from './similarity';

export const DEMO_SEED = 20250625;

export interface MediaRecipe {
  /** Cache file name; change it whenever the recipe changes. */
  cacheName: string;
  width: number;
  height: number;
  seconds: number;
  /** Burned-in captions, so each clip's bytes (and hash) differ; no ':' or quotes. */
  title: string;
  subtitle: string;
  /** 'lecture': a still classroom (lectern, lecturer, clock) at 1 frame/s, a few kB per minute. */
  pattern: 'bars' | 'testsrc2' | 'lecture';
  /** Target bitrate; 0 = constant quality (the lecture scenes). */
  bitrateK: number;
  /** 'lecture' only: seconds during which the lectern is empty (a seeded finding). */
  absent?: { from: number; to: number };
}

/**
 * An external file the organiser filed but that does not ship with the demo (a full recording
 * or a course package of hours, far too large to commit): the manifest states its size and
 * SHA-256 and nothing produces its bytes, so the workstation lists it as missing until the
 * drive holding it is attached. The hash is derived from the path, not from real content.
 */
export interface DeclaredExternal {
  type: 'declared';
  size: number;
  sha256: string;
}

export type DemoContent =
  | { type: 'pdf'; doc: PlanDoc }
  | { type: 'csv'; text: string }
  | { type: 'png'; shot: ShopShot }
  | { type: 'media'; recipe: MediaRecipe }
  | DeclaredExternal;

export type DemoFileEntry = Omit<PackageFile, 'size' | 'sha256'> & { content: DemoContent };

export interface DemoRecords {
  records: PackageRecords;
  files: DemoFileEntry[];
  /** Names of trainees seeded as edge cases, by trainee id, for the docs and tests. */
  notes: Record<string, string>;
  /** The submissions seeded for the similarity pre-check (scripts/demo/similarity.ts). */
  similarity: SimilaritySeeds;
}

export interface Ctx {
  rng: Rng;
  usedNames: Set<string>;
  nextTrainee: number;
  notes: Record<string, string>;
  files: DemoFileEntry[];
}

/** 𠮷 is outside Noto Serif SC; a document never prints a name whose glyphs it lacks. */
export type Printable = (text: string) => boolean;
