import { checkPortability } from './src/sql/portability/checkPortability.ts';
const script = process.argv[2]!;
for (const f of checkPortability(script)) console.log(`${f.line}:${f.column} [${f.kind}] ${f.code} «${f.construct}» ${f.message} || ${f.instead}`);
