/** Backup fault matrix, create rows: see backup-matrix.ts. */
import { backupFaultMatrix } from "./backup-matrix";

jest.setTimeout(180_000);

describe("Backup fault matrix: create", () => backupFaultMatrix("create"));
