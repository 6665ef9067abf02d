import type { Key } from './en.ts';

const es: Partial<Record<Key, string>> = {
};
export default es;
