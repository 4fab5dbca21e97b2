#include "service/loyalty/rules.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <queue>

#include "absl/container/flat_hash_set.h"
#include "service/core/proto_date.h"

namespace guestvoice::service {
namespace {

struct Counts {
  int64_t nights = 0;
  int64_t stays = 0;
  int64_t check_ins = 0;
};

// Activity with its day as a day number (DayNumber): the timeline does all
// its date arithmetic on integers.
struct DatedActivity {
  int64_t day;
  const LoyaltyActivity* activity;
};

// Sums the activity inside a window [first, last] that only ever moves
// forward, so a whole tier history costs one pass over the activity.
class SlidingWindow {
 public:
  explicit SlidingWindow(const std::vector<DatedActivity>& activity)
      : activity_(activity) {}

  // `first` and `last` must not decrease from one call to the next.
  Counts Between(int64_t first, int64_t last) {
    while (end_ < activity_.size() && activity_[end_].day <= last) {
      Add(*activity_[end_++].activity, +1);
    }
    while (begin_ < end_ && activity_[begin_].day < first) {
      Add(*activity_[begin_++].activity, -1);
    }
    return counts_;
  }

 private:
  void Add(const LoyaltyActivity& entry, int sign) {
    counts_.nights += sign * entry.nights;
    counts_.stays += sign * entry.stays;
    counts_.check_ins += sign * entry.check_ins;
  }

  const std::vector<DatedActivity>& activity_;
  size_t begin_ = 0;
  size_t end_ = 0;
  Counts counts_;
};

// Counts each night and each day of check-ins once toward tiers, in credit
// order (a day's entries in the order given): a stay's nights that an
// earlier-credited stay already covers (two rooms, a booking recorded twice
// under two references, stays of two merged profiles) count no more, and a
// stay with no night of its own is no stay; only a day's first check-in
// counts, so that checking in again and again buys no tier. Points are
// left alone: chains pay them for every room booked.
void CountEachNightAndCheckInDayOnce(std::vector<LoyaltyActivity>& activity) {
  std::stable_sort(activity.begin(), activity.end(),
                   [](const LoyaltyActivity& a, const LoyaltyActivity& b) {
                     return a.day < b.day;
                   });
  absl::flat_hash_set<int64_t> nights_counted;
  std::optional<int64_t> check_in_day;
  for (LoyaltyActivity& entry : activity) {
    const int64_t day = DayNumber(entry.day);
    if (entry.check_ins > 0) {
      if (check_in_day == day) entry.check_ins = 0;
      check_in_day = day;
    }
    if (entry.stays == 0) continue;
    int32_t own_nights = 0;
    for (int64_t night = day - entry.nights; night < day; ++night) {
      if (nights_counted.insert(night).second) ++own_nights;
    }
    entry.nights = own_nights;
    entry.stays = own_nights > 0 ? 1 : 0;
  }
}

int64_t FirstOfYear(int64_t day) {
  return DayNumber(absl::CivilDay(absl::CivilYear(DayFromNumber(day))));
}

int64_t FirstOfNextYear(int64_t day) {
  return DayNumber(absl::CivilDay(absl::CivilYear(DayFromNumber(day)) + 1));
}

bool Meets(const v1::Tier& tier, const Counts& counts) {
  return (tier.min_nights() > 0 && counts.nights >= tier.min_nights()) ||
         (tier.min_stays() > 0 && counts.stays >= tier.min_stays()) ||
         (tier.min_check_ins() > 0 && counts.check_ins >= tier.min_check_ins());
}

// The index of the highest tier `counts` reach; the base tier (0) always.
int EarnedTier(const v1::LoyaltyProgram& program, const Counts& counts) {
  for (int i = program.tiers_size() - 1; i > 0; --i) {
    if (Meets(program.tiers(i), counts)) return i;
  }
  return 0;
}

int TierIndex(const v1::LoyaltyProgram& program, const std::string& tier_id) {
  for (int i = 0; i < program.tiers_size(); ++i) {
    if (program.tiers(i).tier_id() == tier_id) return i;
  }
  return -1;
}

// A manual assignment with its day number and tier index (-1: no floor).
struct Floor {
  int64_t day;
  int tier;
};

// Walks the days on which the held tier can change, in order, applying the
// downgrade policy and the manual floor, and records every change.
class TierTimeline {
 public:
  TierTimeline(const v1::LoyaltyProgram& program,
               const std::vector<DatedActivity>& activity,
               const std::vector<ManualTierAssignment>& manual_tiers)
      : program_(program),
        activity_(activity),
        rolling_days_(program.window().has_rolling_days()
                          ? program.window().rolling_days()
                          : 0),
        current_(activity),
        previous_year_(activity) {
    // Latest effective day last; on one day the later assignment wins.
    for (const ManualTierAssignment& manual : manual_tiers) {
      floors_.push_back(
          {DayNumber(manual.effective_day),
           manual.tier_id.empty() ? -1 : TierIndex(program, manual.tier_id)});
    }
    std::stable_sort(
        floors_.begin(), floors_.end(),
        [](const Floor& a, const Floor& b) { return a.day < b.day; });
  }

  // Runs up to and including `as_of`; returns the tier index held then.
  int Run(int64_t as_of, v1::LoyaltyStatus& status) {
    const std::vector<int64_t> days = ChangeDays();
    std::priority_queue<int64_t, std::vector<int64_t>, std::greater<>>
        pending_downgrades;
    size_t next = 0;
    while (true) {
      std::optional<int64_t> day;
      if (next < days.size()) day = days[next];
      if (!pending_downgrades.empty() &&
          (!day.has_value() || pending_downgrades.top() < *day)) {
        day = pending_downgrades.top();
      }
      if (!day.has_value() || *day > as_of) break;
      if (next < days.size() && days[next] == *day) ++next;
      while (!pending_downgrades.empty() && pending_downgrades.top() == *day) {
        pending_downgrades.pop();
      }
      if (std::optional<int64_t> retry = Step(*day, status)) {
        pending_downgrades.push(*retry);
      }
    }
    return shown_;
  }

 private:
  // Every day the supported tier or the floor can change: activity entering
  // and leaving the window, new years, manual assignments.
  // Activity is in day order, so are the days it leaves the window: merging
  // the sorted lists is cheaper than sorting them.
  std::vector<int64_t> ChangeDays() const {
    std::vector<int64_t> entering;
    std::vector<int64_t> leaving;
    entering.reserve(activity_.size() + floors_.size());
    leaving.reserve(activity_.size() * 2);
    // Calendar windows: the first of the two years after each year with
    // activity (the next year starts where the current one ends).
    int64_t year_end = std::numeric_limits<int64_t>::min();
    for (const DatedActivity& entry : activity_) {
      entering.push_back(entry.day);
      if (rolling_days_ > 0) {
        leaving.push_back(entry.day + rolling_days_);
      } else if (entry.day >= year_end) {
        year_end = FirstOfNextYear(entry.day);
        leaving.push_back(year_end);
        leaving.push_back(FirstOfNextYear(year_end));
      }
    }
    for (const Floor& floor : floors_) entering.push_back(floor.day);
    std::inplace_merge(entering.begin(),
                       entering.begin() + static_cast<long>(activity_.size()),
                       entering.end());
    if (!std::is_sorted(leaving.begin(), leaving.end())) {
      std::sort(leaving.begin(), leaving.end());
    }
    std::vector<int64_t> days(entering.size() + leaving.size());
    std::merge(entering.begin(), entering.end(), leaving.begin(), leaving.end(),
               days.begin());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
  }

  int SupportedTier(int64_t day) {
    if (rolling_days_ > 0) {
      return EarnedTier(program_,
                        current_.Between(day - (rolling_days_ - 1), day));
    }
    const int64_t year_start = FirstOfYear(day);
    const int this_year =
        EarnedTier(program_, current_.Between(year_start, day));
    const int last_year = EarnedTier(
        program_,
        previous_year_.Between(FirstOfYear(year_start - 1), year_start - 1));
    return std::max(this_year, last_year);
  }

  // The first day a downgrade may follow a change on `day`.
  int64_t NextDowngradeDay(int64_t day) const {
    return rolling_days_ > 0 ? day + rolling_days_ : FirstOfNextYear(day);
  }

  int FloorOn(int64_t day) {
    while (next_floor_ < floors_.size() && floors_[next_floor_].day <= day) {
      floor_ = floors_[next_floor_++].tier;
    }
    return floor_;
  }

  // Applies `day`; returns a later day to look again when a downgrade is
  // still owed but the policy holds it back.
  std::optional<int64_t> Step(int64_t day, v1::LoyaltyStatus& status) {
    const int supported = SupportedTier(day);
    std::optional<int64_t> retry;
    switch (program_.downgrade_policy()) {
      case v1::DOWNGRADE_POLICY_NEVER:
        held_ = std::max(held_, supported);
        break;
      case v1::DOWNGRADE_POLICY_ONE_TIER_PER_PERIOD:
        if (supported > held_) {
          held_ = supported;
          last_change_ = day;
        } else if (supported < held_) {
          if (!last_change_.has_value() ||
              day >= NextDowngradeDay(*last_change_)) {
            --held_;
            last_change_ = day;
          }
          if (supported < held_) retry = NextDowngradeDay(*last_change_);
        }
        break;
      default:  // DOWNGRADE_POLICY_TO_EARNED_TIER and unspecified
        held_ = supported;
        break;
    }
    const int shown = std::max(held_, FloorOn(day));
    if (shown != shown_) {
      v1::TierChange* change = status.add_tier_history();
      *change->mutable_date() = ToProtoDate(DayFromNumber(day));
      change->set_from_tier(program_.tiers(shown_).tier_id());
      change->set_to_tier(program_.tiers(shown).tier_id());
      shown_ = shown;
    }
    return retry;
  }

  const v1::LoyaltyProgram& program_;
  const std::vector<DatedActivity>& activity_;
  const int rolling_days_;  // 0 for a calendar-year window
  SlidingWindow current_;
  SlidingWindow previous_year_;
  std::vector<Floor> floors_;  // by day
  size_t next_floor_ = 0;
  int floor_ = -1;
  int held_ = 0;   // the tier activity holds under the downgrade policy
  int shown_ = 0;  // held_ raised to the manual floor
  std::optional<int64_t> last_change_;
};

void SetPoints(const v1::LoyaltyProgram& program,
               const std::vector<DatedActivity>& activity, int64_t as_of,
               v1::LoyaltyStatus& status) {
  const int expiry_months = program.points_expiry_months();
  int64_t balance = 0;
  std::optional<int64_t> last_activity;
  // Whether points held since last_activity are gone by `day`. No span of
  // N months is shorter than 28 * N days, so most checks need no calendar.
  auto expired_by = [&](int64_t day) {
    if (expiry_months <= 0 || !last_activity.has_value() ||
        day - *last_activity < int64_t{28} * expiry_months) {
      return false;
    }
    return day >=
           DayNumber(AddMonths(DayFromNumber(*last_activity), expiry_months));
  };
  for (const DatedActivity& entry : activity) {
    if (expired_by(entry.day)) balance = 0;
    balance += entry.activity->points;
    last_activity = entry.day;
  }
  if (expired_by(as_of)) balance = 0;
  status.set_points_balance(balance);
  if (expiry_months > 0 && balance > 0) {
    status.set_points_expiring(balance);
    *status.mutable_points_expire_date() =
        ToProtoDate(AddMonths(DayFromNumber(*last_activity), expiry_months));
  }
}

void SetNextTier(const v1::LoyaltyProgram& program, int held,
                 const v1::LoyaltyStatus& counts, v1::LoyaltyStatus& status) {
  if (held + 1 >= program.tiers_size()) return;
  const v1::Tier& next = program.tiers(held + 1);
  auto needed = [](int32_t threshold, int32_t have) {
    return threshold > 0 ? std::max(0, threshold - have) : 0;
  };
  v1::NextTierProgress* progress = status.mutable_next_tier();
  progress->set_tier(next.tier_id());
  progress->set_nights_needed(
      needed(next.min_nights(), counts.qualifying_nights()));
  progress->set_stays_needed(
      needed(next.min_stays(), counts.qualifying_stays()));
  progress->set_check_ins_needed(
      needed(next.min_check_ins(), counts.qualifying_check_ins()));
}

int32_t Clamp32(int64_t value) {
  return static_cast<int32_t>(std::min<int64_t>(value, INT32_MAX));
}

}  // namespace

absl::CivilDay StayCreditDay(absl::CivilDay arrival, int32_t nights) {
  return arrival + nights;
}

int64_t StayPoints(const v1::LoyaltyProgram& program, int32_t nights,
                   const google::type::Money& qualifying_spend) {
  return StayPoints(program, nights, qualifying_spend.units(),
                    qualifying_spend.currency_code());
}

int64_t StayPoints(const v1::LoyaltyProgram& program, int32_t nights,
                   int64_t spend_units, std::string_view spend_currency) {
  int64_t points = int64_t{nights} * program.points_per_night();
  if (!program.points_currency_code().empty() &&
      spend_currency == program.points_currency_code() && spend_units > 0) {
    points += spend_units * program.points_per_currency_unit();
  }
  return points;
}

v1::LoyaltyStatus ComputeLoyaltyStatus(
    const v1::LoyaltyProgram& program, std::vector<LoyaltyActivity> activity,
    const std::vector<ManualTierAssignment>& manual_tiers,
    absl::CivilDay as_of) {
  const int64_t as_of_day = DayNumber(as_of);
  CountEachNightAndCheckInDayOnce(activity);
  std::vector<DatedActivity> dated;
  dated.reserve(activity.size());
  for (const LoyaltyActivity& entry : activity) {
    const int64_t day = DayNumber(entry.day);
    if (day <= as_of_day) dated.push_back({day, &entry});
  }
  auto by_day = [](const DatedActivity& a, const DatedActivity& b) {
    return a.day < b.day;
  };
  // The store hands activity over in day order already.
  if (!std::is_sorted(dated.begin(), dated.end(), by_day)) {
    std::stable_sort(dated.begin(), dated.end(), by_day);
  }

  v1::LoyaltyStatus status;
  *status.mutable_as_of_date() = ToProtoDate(as_of);

  const bool rolling = program.window().has_rolling_days();
  const int64_t window_start =
      rolling ? as_of_day - (program.window().rolling_days() - 1)
              : FirstOfYear(as_of_day);
  const int64_t window_end =
      rolling ? as_of_day : FirstOfNextYear(as_of_day) - 1;
  *status.mutable_window_start_date() =
      ToProtoDate(DayFromNumber(window_start));
  *status.mutable_window_end_date() = ToProtoDate(DayFromNumber(window_end));
  const Counts counts = SlidingWindow(dated).Between(window_start, as_of_day);
  status.set_qualifying_nights(Clamp32(counts.nights));
  status.set_qualifying_stays(Clamp32(counts.stays));
  status.set_qualifying_check_ins(Clamp32(counts.check_ins));

  const int held =
      TierTimeline(program, dated, manual_tiers).Run(as_of_day, status);
  status.set_tier(program.tiers(held).tier_id());

  // The manual tier in force on as_of, as assigned.
  const ManualTierAssignment* in_force = nullptr;
  for (const ManualTierAssignment& manual : manual_tiers) {
    if (manual.effective_day <= as_of &&
        (in_force == nullptr ||
         manual.effective_day >= in_force->effective_day)) {
      in_force = &manual;
    }
  }
  if (in_force != nullptr) status.set_manual_tier(in_force->tier_id);

  SetPoints(program, dated, as_of_day, status);
  SetNextTier(program, held, status, status);
  return status;
}

}  // namespace guestvoice::service
