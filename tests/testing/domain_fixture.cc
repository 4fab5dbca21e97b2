#include "tests/testing/domain_fixture.h"

#include <utility>

#include "guestvoice/v1/hotel.pb.h"
#include "service/core/resource_names.h"
#include "storage/keys.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::testing {

void DomainTest::SetUp() {
  // Tests do not need fsync, and it would make them slow on shared disks.
  ASSERT_OK_AND_ASSIGN(store_, storage::Store::Open({.data_dir = dir_.path(),
                                                     .sync_writes = false}));
}

service::Principal DomainTest::Caller(const std::string& organization,
                                      std::initializer_list<v1::Scope> scopes,
                                      const std::string& key_id) {
  google::protobuf::RepeatedField<int> scope_field;
  for (v1::Scope scope : scopes) scope_field.Add(scope);
  return service::Principal(organization,
                            service::FormatApiKeyName(organization, key_id),
                            scope_field);
}

void DomainTest::PutHotel(const std::string& organization,
                          const std::string& id, const std::string& time_zone,
                          const std::string& region_code) {
  v1::Hotel hotel;
  hotel.set_name(service::FormatHotelName(organization, id));
  hotel.set_display_name("Hotel " + id);
  hotel.set_time_zone(time_zone);
  hotel.set_region_code(region_code);
  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kEntities,
            storage::HotelKey(organization, id), hotel.SerializeAsString());
  ASSERT_OK(store_->Write(std::move(batch)));
}

bool DomainTest::StoreContains(std::string_view bytes) const {
  bool found = false;
  for (storage::ColumnFamily family : storage::kAllColumnFamilies) {
    EXPECT_OK(store_->Scan(
        family, "", "", 0, [&](std::string_view key, std::string_view value) {
          found =
              key.find(bytes) != key.npos || value.find(bytes) != value.npos;
          return found ? storage::ScanStep::kStop
                       : storage::ScanStep::kContinue;
        }));
    if (found) return true;
  }
  return false;
}

}  // namespace guestvoice::testing
