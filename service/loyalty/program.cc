#include "service/loyalty/program.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/currency_codes.h"
#include "service/core/field_checks.h"
#include "service/core/resource_names.h"
#include "service/core/update_mask.h"

namespace guestvoice::service {
namespace {

constexpr int kMaxTiers = 20;
constexpr int kMaxBenefits = 20;
constexpr size_t kMaxTierNameChars = 100;
constexpr size_t kMaxBenefitChars = 200;
constexpr int kMaxRollingDays = 1096;
constexpr int kMaxExpiryMonths = 120;
constexpr int64_t kMaxPointsRate = 1'000'000;

constexpr std::string_view kMutablePaths[] = {"tiers",
                                              "window",
                                              "points_per_night",
                                              "points_per_currency_unit",
                                              "points_currency_code",
                                              "points_expiry_months",
                                              "downgrade_policy"};
constexpr MutableFields kMutableProgramFields{.resource = "loyalty program",
                                              .paths = kMutablePaths};

v1::Tier MakeTier(std::string tier_id, std::string display_name, int32_t nights,
                  int32_t stays, std::vector<std::string> benefits) {
  v1::Tier tier;
  tier.set_tier_id(std::move(tier_id));
  tier.set_display_name(std::move(display_name));
  tier.set_min_nights(nights);
  tier.set_min_stays(stays);
  for (std::string& benefit : benefits) tier.add_benefits(std::move(benefit));
  return tier;
}

void CheckTiers(FieldViolations& violations, std::string_view field,
                const v1::LoyaltyProgram& program) {
  const std::string tiers_field = absl::StrCat(AbslView(field), ".tiers");
  if (program.tiers().empty() || program.tiers_size() > kMaxTiers) {
    violations.Add(tiers_field, absl::StrCat("needs 1 to ", kMaxTiers,
                                             " tiers, the base tier first"));
    return;
  }
  std::set<std::string> ids;
  // The highest threshold of each kind so far: a tier that sets one must
  // set it higher, or the lower tier could never be held.
  int32_t nights = 0;
  int32_t stays = 0;
  int32_t check_ins = 0;
  for (int i = 0; i < program.tiers_size(); ++i) {
    const v1::Tier& tier = program.tiers(i);
    const std::string at = absl::StrCat(tiers_field, "[", i, "]");
    if (!IsValidResourceId(tier.tier_id())) {
      violations.Add(absl::StrCat(at, ".tier_id"),
                     "must be 1-63 lower-case letters, digits or hyphens, "
                     "starting with a letter");
    } else if (!ids.insert(tier.tier_id()).second) {
      violations.Add(absl::StrCat(at, ".tier_id"),
                     absl::StrCat("\"", tier.tier_id(), "\" is used twice"));
    }
    CheckDisplayText(violations, absl::StrCat(at, ".display_name"),
                     tier.display_name(), kMaxTierNameChars,
                     /*required=*/false);
    if (tier.benefits_size() > kMaxBenefits) {
      violations.Add(absl::StrCat(at, ".benefits"),
                     absl::StrCat("at most ", kMaxBenefits, " benefits"));
    }
    for (int b = 0; b < tier.benefits_size(); ++b) {
      CheckDisplayText(violations, absl::StrCat(at, ".benefits[", b, "]"),
                       tier.benefits(b), kMaxBenefitChars, /*required=*/true);
    }
    if (tier.min_nights() < 0 || tier.min_stays() < 0 ||
        tier.min_check_ins() < 0) {
      violations.Add(at, "thresholds must not be negative");
      continue;
    }
    const bool any = tier.min_nights() > 0 || tier.min_stays() > 0 ||
                     tier.min_check_ins() > 0;
    if (i == 0) {
      if (any) {
        violations.Add(at, "the base tier (the first) must have no thresholds");
      }
      continue;
    }
    if (!any) {
      violations.Add(at, "a tier above the base needs at least one threshold");
    }
    auto rise = [&](int32_t value, int32_t& highest, std::string_view name) {
      if (value == 0) return;
      if (value <= highest) {
        violations.Add(
            absl::StrCat(at, ".", AbslView(name)),
            absl::StrCat("must be above the ", highest, " of a lower tier"));
      }
      highest = std::max(highest, value);
    };
    rise(tier.min_nights(), nights, "min_nights");
    rise(tier.min_stays(), stays, "min_stays");
    rise(tier.min_check_ins(), check_ins, "min_check_ins");
  }
}

}  // namespace

absl::Status CheckNamesOnOneLine(
    const v1::UpdateLoyaltyProgramRequest& request) {
  // Only when the update changes the tiers (as for hotels' names): a
  // program read and sent back with another field masked is not refused for
  // tiers stored before. ApplyLoyaltyProgramUpdate refuses a bad mask.
  FieldViolations mask_violations;
  const v1::LoyaltyProgram& program = request.loyalty_program();
  if (!ResolveUpdateMask(mask_violations, request.update_mask(), program,
                         kMutableProgramFields)
           .Contains("tiers")) {
    return absl::OkStatus();
  }
  FieldViolations violations;
  for (int i = 0; i < program.tiers_size(); ++i) {
    const v1::Tier& tier = program.tiers(i);
    const std::string at = absl::StrCat("loyalty_program.tiers[", i, "]");
    CheckOneLine(violations, absl::StrCat(at, ".display_name"),
                 tier.display_name());
    for (int b = 0; b < tier.benefits_size(); ++b) {
      CheckOneLine(violations, absl::StrCat(at, ".benefits[", b, "]"),
                   tier.benefits(b));
    }
  }
  return violations.ToStatus();
}

const v1::LoyaltyProgram& DefaultLoyaltyProgram() {
  // Never destroyed, as statics of class type must not be.
  static const v1::LoyaltyProgram* const kDefault = [] {
    auto* program = new v1::LoyaltyProgram();
    *program->add_tiers() =
        MakeTier("member", "Member", 0, 0, {"Member rates", "Free Wi-Fi"});
    *program->add_tiers() =
        MakeTier("silver", "Silver", 10, 4,
                 {"Member rates", "Free Wi-Fi", "Late checkout on request",
                  "10% points bonus"});
    *program->add_tiers() =
        MakeTier("gold", "Gold", 25, 10,
                 {"Member rates", "Free Wi-Fi", "Late checkout until 2 pm",
                  "Room upgrade when available", "25% points bonus"});
    *program->add_tiers() =
        MakeTier("platinum", "Platinum", 50, 20,
                 {"Member rates", "Free Wi-Fi", "Late checkout until 4 pm",
                  "Suite upgrade when available", "Lounge access", "Breakfast",
                  "50% points bonus"});
    program->mutable_window()->set_rolling_days(365);
    program->set_points_per_night(100);
    program->set_points_per_currency_unit(10);
    program->set_points_currency_code("USD");
    program->set_points_expiry_months(24);
    program->set_downgrade_policy(v1::DOWNGRADE_POLICY_ONE_TIER_PER_PERIOD);
    return program;
  }();
  return *kDefault;
}

void CheckLoyaltyProgram(FieldViolations& violations, std::string_view field,
                         const v1::LoyaltyProgram& program) {
  auto path = [&](std::string_view name) {
    return absl::StrCat(AbslView(field), ".", AbslView(name));
  };
  CheckTiers(violations, field, program);
  switch (program.window().kind_case()) {
    case v1::QualificationWindow::kCalendarYear:
      if (!program.window().calendar_year()) {
        violations.Add(path("window.calendar_year"),
                       "must be true when set (or set rolling_days)");
      }
      break;
    case v1::QualificationWindow::kRollingDays:
      if (program.window().rolling_days() < 1 ||
          program.window().rolling_days() > kMaxRollingDays) {
        violations.Add(path("window.rolling_days"),
                       absl::StrCat("must be 1 to ", kMaxRollingDays));
      }
      break;
    default:
      violations.Add(path("window"), "set calendar_year or rolling_days");
  }
  if (program.points_per_night() < 0 ||
      program.points_per_night() > kMaxPointsRate) {
    violations.Add(path("points_per_night"),
                   absl::StrCat("must be 0 to ", kMaxPointsRate));
  }
  if (program.points_per_currency_unit() < 0 ||
      program.points_per_currency_unit() > kMaxPointsRate) {
    violations.Add(path("points_per_currency_unit"),
                   absl::StrCat("must be 0 to ", kMaxPointsRate));
  }
  if (!program.points_currency_code().empty() &&
      !IsIso4217Currency(program.points_currency_code())) {
    violations.Add(path("points_currency_code"),
                   "not an ISO 4217 currency code in circulation");
  } else if (program.points_currency_code().empty() &&
             program.points_per_currency_unit() > 0) {
    violations.Add(path("points_currency_code"),
                   "required when points_per_currency_unit is set");
  }
  if (program.points_expiry_months() < 0 ||
      program.points_expiry_months() > kMaxExpiryMonths) {
    violations.Add(path("points_expiry_months"),
                   absl::StrCat("must be 0 (never) to ", kMaxExpiryMonths));
  }
  if (!v1::DowngradePolicy_IsValid(program.downgrade_policy())) {
    violations.Add(path("downgrade_policy"), "unknown policy");
  }
}

absl::Status ApplyLoyaltyProgramUpdate(
    const v1::UpdateLoyaltyProgramRequest& request,
    v1::LoyaltyProgram& program) {
  const v1::LoyaltyProgram& update = request.loyalty_program();
  FieldViolations violations;
  const ChangedFields changed = ResolveUpdateMask(
      violations, request.update_mask(), update, kMutableProgramFields);
  RETURN_IF_ERROR(violations.ToStatus());
  if (changed.Contains("tiers")) *program.mutable_tiers() = update.tiers();
  if (changed.Contains("window")) *program.mutable_window() = update.window();
  if (changed.Contains("points_per_night")) {
    program.set_points_per_night(update.points_per_night());
  }
  if (changed.Contains("points_per_currency_unit")) {
    program.set_points_per_currency_unit(update.points_per_currency_unit());
  }
  if (changed.Contains("points_currency_code")) {
    program.set_points_currency_code(update.points_currency_code());
  }
  if (changed.Contains("points_expiry_months")) {
    program.set_points_expiry_months(update.points_expiry_months());
  }
  if (changed.Contains("downgrade_policy")) {
    program.set_downgrade_policy(update.downgrade_policy());
  }
  return absl::OkStatus();
}

absl::Status RequireTier(const v1::LoyaltyProgram& program,
                         std::string_view field, std::string_view tier_id) {
  for (const v1::Tier& tier : program.tiers()) {
    if (tier.tier_id() == tier_id) return absl::OkStatus();
  }
  return InvalidField(
      std::string(field),
      absl::StrCat("the program has no tier \"", AbslView(tier_id), "\""));
}

}  // namespace guestvoice::service
