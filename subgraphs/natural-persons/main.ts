import { exitOnError, runSubgraph } from '../kit/server/main';
import { naturalPersons } from './index';

runSubgraph(naturalPersons).catch(exitOnError);
