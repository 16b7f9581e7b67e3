import { exitOnError, runSubgraph } from '../kit/main';
import { objections } from './index';

runSubgraph(objections).catch(exitOnError);
