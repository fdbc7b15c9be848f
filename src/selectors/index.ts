// The public model only: the selection class and its renderer stay internal to the library.
export * from './categories';
export * from './conditions';
export * from './data-resource-type';
export * from './options';
