import { exitOnError, runSubgraph } from '../kit/server/main';
import { CatalogueError } from './catalogue';
import { measures } from './index';

// A bad catalogue file is an operator's mistake: print what and where, without a stack trace.
runSubgraph(measures).catch((e: unknown) => {
  if (!(e instanceof CatalogueError)) exitOnError(e);
  console.error(e.message);
  process.exit(1);
});
