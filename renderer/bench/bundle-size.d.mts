export interface ChunkSize {
  file: string;
  raw: number;
  gzip: number;
  /** True when the package catalogue is in this chunk. */
  catalogue: boolean;
}

export interface BundleMeasure {
  budget: number;
  initialGzip: number;
  initial: ChunkSize[];
  lazy: ChunkSize[];
}

export const BUDGET_GZIP_BYTES: number;
export function measureBundle(dir?: string): Promise<BundleMeasure>;
export function buildAndMeasure(): Promise<BundleMeasure>;
export function report(measure: BundleMeasure): string;
