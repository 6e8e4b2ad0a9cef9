import { describe, expect, it } from "vitest";
import { findPersonalData, isNorwegianNationalId, redactPersonalData } from "../../src/check/personal-data.ts";

describe("findPersonalData()", () => {
  it("finds Norwegian phone numbers in the usual spellings", () => {
    for (const phone of ["91234567", "912 34 567", "91 23 45 67", "+47 912 34 567", "0047 91234567", "+4722334455"]) {
      expect(findPersonalData(`Ring meg på ${phone} i morgen`).map((m) => [m.kind, m.text])).toEqual([["phone", phone]]);
    }
  });

  it("finds international numbers and e-mail addresses with Norwegian letters", () => {
    expect(findPersonalData("Svensk nummer +46 70 123 45 67").map((m) => m.text)).toEqual(["+46 70 123 45 67"]);
    const [email] = findPersonalData("Skriv til kari.nordmann@nav.no eller ring");
    expect(email).toEqual({ kind: "email", start: 10, end: 30, text: "kari.nordmann@nav.no" });
    expect(findPersonalData("ørjan.ås@kommune.no").map((m) => m.kind)).toEqual(["email"]);
  });

  it("finds national identity numbers only with valid check digits", () => {
    expect(isNorwegianNationalId("01019010046")).toBe(true);
    expect(isNorwegianNationalId("01019010047")).toBe(false);
    expect(isNorwegianNationalId("12345678901")).toBe(false);
    expect(findPersonalData("Fnr 01019010046 på brevet").map((m) => [m.kind, m.start, m.end])).toEqual([["national-id", 4, 15]]);
    // An 11-digit number that is not an identity number is neither an id nor a phone number.
    expect(findPersonalData("Saksnummer 12345678901")).toEqual([]);
  });

  it("leaves dates, years, amounts and counts alone", () => {
    for (const text of ["Seminar 2019-03-12", "Vi var 12 personer", "Det kostet 1500 kr", "I 2019 og 2020", "kl. 14.30", "Tlf-tid 08-15"]) {
      expect(findPersonalData(text)).toEqual([]);
    }
  });
});

describe("redactPersonalData()", () => {
  it("replaces each match with a visible placeholder", () => {
    expect(redactPersonalData("Ring 912 34 567 eller skriv til ola@example.no, fnr 01019010046.")).toBe(
      "Ring [telefon] eller skriv til [e-post], fnr [fødselsnummer].",
    );
  });
});
