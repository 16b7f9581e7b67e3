import { exitOnError, runSubgraph } from '../kit/main';
import { naturalPersons } from './index';

runSubgraph(naturalPersons).catch(exitOnError);
