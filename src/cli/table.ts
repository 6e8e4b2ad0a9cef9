// The plain-text tables of the CLI live with the reports (the refine report renders them too).
export { percent, renderTable, width, type Align } from "../report/text-table.ts";
