import { InitialSchema1764160000000 } from './1764160000000-InitialSchema';
import { ReliableDelivery1764170000000 } from './1764170000000-ReliableDelivery';
import { BlocklistManagement1764180000000 } from './1764180000000-BlocklistManagement';
import { MessageIdByteOrder1764186000000 } from './1764186000000-MessageIdByteOrder';
import { ReplyAttemptInFlight1764200000000 } from './1764200000000-ReplyAttemptInFlight';
import { ApiKeyLifecycle1764300000000 } from './1764300000000-ApiKeyLifecycle';
import { DecisionProvenance1764310000000 } from './1764310000000-DecisionProvenance';
import { ProfileSavedBy1764320000000 } from './1764320000000-ProfileSavedBy';
import { RevocationReviews1764400000000 } from './1764400000000-RevocationReviews';
import { Carriers1764410000000 } from './1764410000000-Carriers';

/** In order. A new migration is appended here and never edited once released. */
export const ALL_MIGRATIONS = [
  InitialSchema1764160000000,
  ReliableDelivery1764170000000,
  BlocklistManagement1764180000000,
  MessageIdByteOrder1764186000000,
  ReplyAttemptInFlight1764200000000,
  ApiKeyLifecycle1764300000000,
  DecisionProvenance1764310000000,
  ProfileSavedBy1764320000000,
  RevocationReviews1764400000000,
  Carriers1764410000000,
];
