import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/**
 * The layers of src/, top to bottom (docs/architecture.md): a file may import
 * its own folder and the layers below its own. Root files such as
 * OssduckError.ts sit below everything. The emulator stands aside: only the
 * command line (and tests) import it, and it imports only oss/ and root files.
 */
const LAYERS = ['root', 'oss', 'sql', 'catalog', 'udf', 'session', 'library', 'cli'] as const;
type Layer = (typeof LAYERS)[number] | 'emulator';
const LIBRARY_FILES = new Set(['Ossduck.ts', 'index.ts']);

function layerOf(file: string): Layer {
  const rel = relative(SRC, file);
  const top = rel.split('/')[0]!;
  if (!rel.includes('/')) return LIBRARY_FILES.has(rel) ? 'library' : 'root';
  return top as Layer;
}

function mayImport(from: Layer, to: Layer): boolean {
  if (from === to) return true;
  if (to === 'emulator') return from === 'cli';
  if (from === 'emulator') return to === 'oss' || to === 'root';
  return LAYERS.indexOf(to as (typeof LAYERS)[number]) < LAYERS.indexOf(from as (typeof LAYERS)[number]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC);

const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')] as const));

/** The files of src/ each file imports (static imports, re-exports and dynamic imports alike). */
const imports = new Map(
  files.map((file) => {
    const info = ts.preProcessFile(texts.get(file)!, true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')));
    return [file, targets] as const;
  }),
);

describe('the architecture of src/', () => {
  it('has every import go to its own folder or a layer below', () => {
    const wrong: string[] = [];
    for (const [file, targets] of imports) {
      for (const target of targets) {
        if (!mayImport(layerOf(file), layerOf(target))) wrong.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of imports.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('has no file over 400 lines', () => {
    const long = files
      .filter((f) => texts.get(f)!.split('\n').length > 400)
      .map((f) => `${relative(SRC, f)}: ${texts.get(f)!.split('\n').length}`);
    expect(long).toEqual([]);
  });

  it('has no function over 80 lines', () => {
    const long: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, texts.get(file)!, ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (end - start + 1 > 80) long.push(`${relative(SRC, file)}:${start + 1} (${end - start + 1} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });

  it('writes MaxCompute error codes only in the table of error kinds', () => {
    const found: string[] = [];
    for (const file of files.filter((f) => !f.endsWith('ErrorKinds.ts'))) {
      const source = ts.createSourceFile(file, texts.get(file)!, ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) && /ODPS-\d{7}/.test(node.text)) {
          found.push(`${relative(SRC, file)}: ${node.text}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
  });
});
