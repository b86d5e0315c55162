import { defineList } from "./define.js";

/** The applications the caller can see, `/applications`: `list(query?)` and `listAll(query?)`. */
export const createApplicationsApi = defineList("/applications");

/** The facade `createApplicationsApi` returns. */
export type ApplicationsApi = ReturnType<typeof createApplicationsApi>;

/** The instances the caller can see, `/instances`: `list(query?)` and `listAll(query?)`. */
export const createInstancesApi = defineList("/instances");

/** The facade `createInstancesApi` returns. */
export type InstancesApi = ReturnType<typeof createInstancesApi>;
