export * from './phone-number.util';
