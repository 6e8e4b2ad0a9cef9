import { parseNotesCsv } from "../src/notes/csv.ts";
import { formatDiagnostic } from "../src/index.ts";
const show = (r: any) => { console.log(r.ok, r.ok ? JSON.stringify(r.value).slice(0, 400) : ""); r.diagnostics.forEach((d: any) => console.log("  " + formatDiagnostic(d))); };
show(parseNotesCsv('id;tekst;deltaker;codes:hand\n1;"Hun tok\nseg tid";P1;"time;relation"\n2;;P2;\n1;dup;P3;\n', { file: "a.csv" }));
show(parseNotesCsv('id,text\n1,ok\n2,a,b\n3,"bad\n4,x\n', { file: "b.csv" }));
show(parseNotesCsv('respondent,kommune,svar\nr1,Oslo,Fikk hjelp\n', { file: "s.csv" }));
show(parseNotesCsv('a,b\n1,2\n', { file: "c.csv" }));
