import { identifierValue, stringValue, tokenize } from '../sql/Lexer.js';
import type { Token } from '../sql/Lexer.js';
import type { ScriptStatement } from '../sql/splitStatements.js';
import { CATALOG_SCHEMA } from '../catalog/objectTableView.js';
import { castRewrites } from '../sql/castRewrites.js';

/** What a statement needs made ready before DuckDB runs it. */
export interface StatementNeeds {
  /** Credentials resolved: it signs or reads OSS. */
  readonly oss: boolean;
  /** Credentials to verify URLs with (OSSDUCK_EXPLAIN_URL). */
  readonly verify: boolean;
  /** MaxCompute's date and string functions, made on first use. */
  readonly maxCompute: boolean;
  /** The names it mentions, lower case (projects it names are attached first). */
  readonly names: ReadonlySet<string>;
  /** It names ossduck's catalog schema, as an identifier or inside a string. */
  readonly namesCatalog: boolean;
}

/** How deep string literals are searched for SQL (`query('SELECT ...')` inside another). */
const MAX_DEPTH = 3;

function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/**
 * The names a statement mentions, upper case: its identifiers (plain and
 * quoted), and those of SQL held in its string literals (DuckDB's `query()`
 * runs such text), and which of them are called (followed by `(`).
 */
function namesIn(tokens: readonly Token[], depth = 0): { mentioned: Set<string>; called: Set<string> } {
  const mentioned = new Set<string>();
  const called = new Set<string>();
  const list = significant(tokens);
  list.forEach((token, i) => {
    if (token.kind === 'word' || token.kind === 'quoted') {
      const name = identifierValue(token).toUpperCase();
      mentioned.add(name);
      const next = list[i + 1];
      if (next?.kind === 'symbol' && next.text === '(') called.add(name);
    } else if (token.kind === 'string') {
      // A table named in a string ('project.schema.table') names its project.
      for (const part of stringValue(token).split('.')) if (/^\s*[A-Za-z_][A-Za-z0-9_]*\s*$/.test(part)) mentioned.add(part.trim().toUpperCase());
    }
    if (token.kind === 'string' && depth < MAX_DEPTH && token.text.includes('(')) {
      let inner: Token[];
      try {
        inner = tokenize(stringValue(token));
      } catch {
        return;
      }
      const found = namesIn(inner, depth + 1);
      for (const name of found.mentioned) mentioned.add(name);
      for (const name of found.called) called.add(name);
    }
  });
  return { mentioned, called };
}

/**
 * Which statements need what, found from their tokens, never from a pattern
 * over their text. A statement needs OSS credentials when it names one of
 * ossduck's OSS functions, or a macro or view whose definition does
 * (`learn` reads those from DuckDB after statements that make them).
 */
export class FunctionNeeds {
  readonly #ossFunctions: ReadonlySet<string>;
  readonly #verifying: ReadonlySet<string>;
  readonly #maxCompute: ReadonlySet<string>;
  readonly #maxComputeKeywords: ReadonlySet<string>;
  #ossDependents = new Set<string>();
  #maxComputeDependents = new Set<string>();
  /** The names each macro or view mentions, upper case. */
  #definitionNames = new Map<string, ReadonlySet<string>>();

  /** `maxComputeKeywords`: MaxCompute functions SQL also calls without parentheses (CURRENT_TIMESTAMP). */
  constructor(names: { oss: readonly string[]; verify: readonly string[]; maxCompute: readonly string[]; maxComputeKeywords?: readonly string[] }) {
    const upper = (list: readonly string[]): Set<string> => new Set(list.map((n) => n.toUpperCase()));
    this.#ossFunctions = upper(names.oss);
    this.#verifying = upper(names.verify);
    this.#maxCompute = upper(names.maxCompute);
    this.#maxComputeKeywords = upper(names.maxComputeKeywords ?? []);
  }

  of(statement: ScriptStatement): StatementNeeds {
    const { mentioned, called } = namesIn(statement.tokens);
    // The names the macros and views it names mention, however deep: their projects are attached first.
    const reached = new Set(mentioned);
    for (const name of reached) for (const inner of this.#definitionNames.get(name) ?? []) reached.add(inner);
    // `CAST(x AS STRING)` and `CAST(x AS BINARY)` run as functions made with STRING.
    if (castRewrites(statement.tokens).size > 0) called.add('STRING');
    const any = (set: ReadonlySet<string>, among: Set<string>): boolean => [...among].some((n) => set.has(n));
    return {
      oss: any(this.#ossFunctions, mentioned) || any(this.#ossDependents, mentioned),
      verify: any(this.#verifying, mentioned),
      maxCompute: any(this.#maxCompute, called) || any(this.#maxComputeKeywords, mentioned) || any(this.#maxComputeDependents, mentioned),
      names: new Set([...reached].map((n) => n.toLowerCase())),
      namesCatalog:
        mentioned.has(CATALOG_SCHEMA.toUpperCase()) ||
        statement.tokens.some((t) => t.kind === 'string' && stringValue(t).toLowerCase().includes(CATALOG_SCHEMA)),
    };
  }

  /** Whether a statement may make or change a macro or a view (then `learn` should run after it). */
  static definesObjects(statement: ScriptStatement): boolean {
    const words = significant(statement.tokens).slice(0, 6).map((t) => t.text.toUpperCase());
    return (words[0] === 'CREATE' || words[0] === 'ALTER') && words.some((w) => w === 'MACRO' || w === 'FUNCTION' || w === 'VIEW');
  }

  /**
   * Takes in the macros and views that exist (name and SQL text): each whose
   * text names an OSS function, or another such macro or view, needs
   * credentials when a statement names it; each whose text calls one of
   * MaxCompute's functions, or names another such macro or view, needs them
   * made first.
   */
  learn(definitions: readonly { readonly name: string; readonly sql: string }[]): void {
    const texts = definitions.map((d) => {
      let tokens: Token[] = [];
      try {
        tokens = tokenize(d.sql);
      } catch {
        // a definition this lexer cannot read cannot be followed; it is left out
      }
      return { name: d.name.toUpperCase(), ...namesIn(tokens) };
    });
    this.#definitionNames = new Map(texts.map((t) => [t.name, t.mentioned]));
    this.#ossDependents = dependentsOf(texts, (t) => [...t.mentioned].some((n) => this.#ossFunctions.has(n)));
    this.#maxComputeDependents = dependentsOf(
      texts,
      (t) => [...t.called].some((n) => this.#maxCompute.has(n)) || [...t.mentioned].some((n) => this.#maxComputeKeywords.has(n)),
    );
  }
}

/** The names of the definitions that match `direct`, or mention one that does, however indirectly. */
function dependentsOf<T extends { readonly name: string; readonly mentioned: ReadonlySet<string> }>(texts: readonly T[], direct: (text: T) => boolean): Set<string> {
  const dependents = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const text of texts) {
      if (dependents.has(text.name)) continue;
      if (direct(text) || [...text.mentioned].some((n) => dependents.has(n))) {
        dependents.add(text.name);
        changed = true;
      }
    }
  }
  return dependents;
}
