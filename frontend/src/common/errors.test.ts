import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { describeError } from "./errors";
import { rememberStaffNames } from "./staffNames";

function refused(code: string, params: Record<string, unknown>): ApiError {
  return new ApiError({ kind: "http", status: 422, problem: { type: "about:blank", title: "Unprocessable", detail: "refused", status: 422, code, params } });
}

describe("error sentences name people and things in words", () => {
  it("names a staff member by display name once the directory has answered", () => {
    const error = refused("not_a_business_coordinator", { username: "bc9" });
    expect(describeError(error, "fi")).toBe("bc9 ei ole aktiivinen yrityskoordinaattori.");
    rememberStaffNames([{ username: "bc9", display_name: "Bea Yrjänä" }]);
    expect(describeError(error, "fi")).toBe("Bea Yrjänä ei ole aktiivinen yrityskoordinaattori.");
    expect(describeError(error, "en")).toBe("Bea Yrjänä is not an active business coordinator.");
  });

  it("says consent purposes in words, not as codes", () => {
    const error = refused("missing_consents", { purposes: ["service"] });
    expect(describeError(error, "fi")).not.toContain("service");
  });
});
