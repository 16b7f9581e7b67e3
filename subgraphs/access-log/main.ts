import { exitOnError, runSubgraph } from '../kit/server/main';
import { accessLog } from './index';

runSubgraph(accessLog).catch(exitOnError);
