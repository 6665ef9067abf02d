/** An entity class (its constructor); TypeORM reads its decorators. */
export type EntityClass = new (...args: never[]) => object;

/**
 * Every TypeORM entity class, listed explicitly so the data source works the same from compiled code and tests.
 * Each feature module adds its entities here.
 */
export const ENTITIES: EntityClass[] = [];
