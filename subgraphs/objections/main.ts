import { exitOnError, runSubgraph } from '../kit/server/main';
import { objections } from './index';

runSubgraph(objections).catch(exitOnError);
