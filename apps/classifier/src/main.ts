import 'reflect-metadata';
import { runWorkerProcess } from '@optout/runtime';
import { ClassifierModule } from './classifier.module';

void runWorkerProcess('classifier', ClassifierModule);
