import { exitOnError, runSubgraph } from '../kit/server/main';
import { legalPersons } from './index';

runSubgraph(legalPersons).catch(exitOnError);
