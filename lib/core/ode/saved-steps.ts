/** Doubles per chunk (64 KB), rounded down to whole steps. */
const CHUNK_DOUBLES = 8192;

/**
 * The values a vector field saved (evalSaving) at the stages of a solve's recorded steps, kept for
 * the backward sweep. Stored in small chunks (about CHUNK_DOUBLES each), so recording more steps
 * never copies what is already stored and no allocation is large enough to be mapped fresh from
 * the system (which costs page faults, and locks shared by the pool's threads); capped at maxDoubles.
 */
export class SavedSteps {
  /** Doubles per step: stages × the field's savedSize. */
  readonly perStep: number;
  /** Steps stored so far (always the first ones of the solve). */
  steps = 0;
  private readonly chunkSteps: number;
  private readonly maxSteps: number;
  private readonly chunks: Float64Array[] = [];

  constructor(perStep: number, maxDoubles: number, chunkSteps = Math.max(1, Math.floor(CHUNK_DOUBLES / Math.max(1, perStep)))) {
    this.perStep = perStep;
    this.chunkSteps = chunkSteps;
    this.maxSteps = perStep > 0 ? Math.floor(maxDoubles / perStep) : 0;
  }

  /**
   * Make room for the next step (index `steps`: chunk(steps) and offset(steps) then address it) without
   * storing it yet, so a solver can write an attempted step in place; false once the cap is reached.
   */
  reserve(): boolean {
    if (this.steps >= this.maxSteps) return false;
    if (Math.floor(this.steps / this.chunkSteps) >= this.chunks.length) {
      this.chunks.push(new Float64Array(Math.min(this.chunkSteps, this.maxSteps - this.steps) * this.perStep));
    }
    return true;
  }

  /** Store the next step (reserving its room if need be); false (and nothing stored from now on) once the cap is reached. */
  add(): boolean {
    if (!this.reserve()) return false;
    this.steps++;
    return true;
  }

  /** The array holding step n's values (from offset(n) on). */
  chunk(n: number): Float64Array {
    return this.chunks[Math.floor(n / this.chunkSteps)];
  }

  /** Where step n's values start in chunk(n). */
  offset(n: number): number {
    return (n % this.chunkSteps) * this.perStep;
  }
}
