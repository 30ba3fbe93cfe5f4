import { readdirSync, readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url);

/** The README and every page of docs/, by path from the repository root. */
export function docFiles(): Map<string, string> {
  const files = new Map<string, string>([['README.md', readFileSync(new URL('README.md', ROOT), 'utf8')]]);
  for (const name of readdirSync(new URL('docs/', ROOT)).filter((n) => n.endsWith('.md')).sort()) {
    files.set(`docs/${name}`, readFileSync(new URL(`docs/${name}`, ROOT), 'utf8'));
  }
  return files;
}

/** The README and every doc, one after another: where examples marked `<!-- example: KIND NAME -->` are found. */
export function docsText(): string {
  return [...docFiles().values()].join('\n');
}

/** The code block after `<!-- example: KIND NAME ... -->` in the README or a doc. */
export function docExample(kind: string, name: string): string {
  const match = new RegExp(`<!-- example: ${kind}${name === '' ? '' : ` ${name}`}(?: [^>]*)?-->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``).exec(docsText());
  if (!match) throw new Error(`neither the README nor docs/ has a ${kind} example ${name}`);
  return match[1]!;
}
