import type { Key } from './en.ts';

const fr: Partial<Record<Key, string>> = {
};
export default fr;
