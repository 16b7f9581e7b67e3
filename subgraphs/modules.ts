import { accessLog } from './access-log';
import { legalPersons } from './legal-persons';
import { lists } from './lists';
import { measures } from './measures';
import { naturalPersons } from './natural-persons';
import { objections } from './objections';
import type { SubgraphModule } from './kit/server/subgraph';

// The subgraphs, for the processes that run them together (npm start, end-to-end tests, seed).
// No subgraph imports this file.
export const ALL_SUBGRAPHS: SubgraphModule<any>[] = [legalPersons, naturalPersons, lists, measures, objections, accessLog];
