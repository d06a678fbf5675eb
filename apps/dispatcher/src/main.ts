import 'reflect-metadata';
import { runWorkerProcess } from '@optout/runtime';
import { DispatcherModule } from './dispatcher.module';

void runWorkerProcess('dispatcher', DispatcherModule);
