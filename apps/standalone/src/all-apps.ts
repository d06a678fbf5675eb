import { BlocklistModule } from '../../blocklist/src/blocklist.module';
import { ClassifierModule } from '../../classifier/src/classifier.module';
import { DispatcherModule } from '../../dispatcher/src/dispatcher.module';

/** The worker apps, for the one composition root that runs everything in one process. */
export const WORKER_APPS = [ClassifierModule, BlocklistModule, DispatcherModule];
