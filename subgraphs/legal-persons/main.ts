import { exitOnError, runSubgraph } from '../kit/main';
import { legalPersons } from './index';

runSubgraph(legalPersons).catch(exitOnError);
