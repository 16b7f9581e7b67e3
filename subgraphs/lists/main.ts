import { exitOnError, runSubgraph } from '../kit/server/main';
import { lists } from './index';

runSubgraph(lists).catch(exitOnError);
