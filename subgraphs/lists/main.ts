import { exitOnError, runSubgraph } from '../kit/main';
import { lists } from './index';

runSubgraph(lists).catch(exitOnError);
