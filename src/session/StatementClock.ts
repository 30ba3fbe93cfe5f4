import type { StatementScope } from '../udf/FunctionContext.js';
import type { Settings } from './Settings.js';

/**
 * The running statement's number and its one instant, moved on before each
 * statement: every row of a statement signs at the same instant
 * (`SET ossduck.signing_time` fixes it). The SQL functions read it as their
 * `StatementScope`.
 */
export class StatementClock implements StatementScope {
  readonly #settings: Settings;
  readonly #clock: () => number;
  #id = 0;
  #instant = 0;

  constructor(settings: Settings, clock: () => number) {
    this.#settings = settings;
    this.#clock = clock;
  }

  get id(): number {
    return this.#id;
  }

  get instant(): number {
    return this.#instant;
  }

  get timezone(): string {
    return this.#settings.timezone;
  }

  get signatureVersion(): 'v1' | 'v4' {
    return this.#settings.signatureVersion;
  }

  /** Starts the next statement. */
  next(): void {
    this.#id++;
    this.#instant = this.#settings.signingTime ?? this.#clock();
  }
}
