#include <tessera/kernel/records/RecordReader.hpp>

#include <tessera/kernel/records/FieldCodec.hpp>

namespace tessera::kernel {

RecordReader::RecordReader(const EntityDef& entity, const SqlDialect& dialect,
                           const std::vector<const FieldDef*>& fields, const std::string& alias) {
    std::vector<const FieldDef*> chosen = fields;
    if (chosen.empty()) {
        for (const auto& field : entity.fields) {
            chosen.push_back(&field);
        }
    }
    for (const FieldDef* field : chosen) {
        std::string column = alias + ".\"" + field->name + "\"";
        selectList_ += (selectList_.empty() ? "" : ", ") + dialect.readExpression(*field, column);
        Column c{field, columnCount_++, false};
        if (field->type == FieldType::Money) {
            selectList_ += ", " + alias + ".\"" + field->name + "_currency\"";
            ++columnCount_;
            c.hasCurrency = true;
        }
        columns_.push_back(c);
    }
}

sdk::Record RecordReader::decode(const std::vector<SqlValue>& row, std::size_t offset) const {
    sdk::Record record = sdk::Record::object();
    for (const auto& c : columns_) {
        const SqlValue& main = row.at(offset + c.index);
        const SqlValue* currency = c.hasCurrency ? &row.at(offset + c.index + 1) : nullptr;
        record[c.field->name] = FieldCodec::fromSql(*c.field, main, currency);
    }
    return record;
}

}  // namespace tessera::kernel
