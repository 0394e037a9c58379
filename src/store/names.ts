// Collection names become file names in the embedded store, so both adapters accept only names that
// cannot leave its directory or mean anything special to a file system or to MongoDB.
const COLLECTION_NAME = /^[a-z][a-z0-9_]*$/;

export function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name)) {
    throw new Error(`Collection name ${JSON.stringify(name)} must match ${COLLECTION_NAME.source}`);
  }
}
