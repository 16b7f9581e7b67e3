import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { composeSupergraph, SUPERGRAPH_FILE } from '../gateway/compose';

// npm run compose: schema/*.graphql → schema/supergraph.graphql (checked in; a test fails when stale).
const outcome = composeSupergraph();
for (const e of outcome.errors) console.error(`error: ${e}`);
for (const h of outcome.unacceptedHints) console.error(`hint not accepted: ${h}`);
if (!outcome.supergraphSdl || outcome.unacceptedHints.length > 0) process.exit(1);
writeFileSync(SUPERGRAPH_FILE, outcome.supergraphSdl);
console.log(`wrote ${relative(process.cwd(), SUPERGRAPH_FILE)}`);
