import { InitialSchema1764160000000 } from './1764160000000-InitialSchema';
import { ReliableDelivery1764170000000 } from './1764170000000-ReliableDelivery';

/** In order. A new migration is appended here and never edited once released. */
export const ALL_MIGRATIONS = [InitialSchema1764160000000, ReliableDelivery1764170000000];
