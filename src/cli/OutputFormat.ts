/** The output formats of results: `--format`, `.mode`. */
export const FORMATS = ['box', 'jsonl', 'json', 'csv', 'markdown', 'line'] as const;
export type OutputFormat = (typeof FORMATS)[number];
