#pragma once

#include <optional>
#include <utility>
#include <variant>

#include <tessera/sdk/Error.hpp>

namespace tessera::sdk {

/// Either a value or an Error, for calls whose failure is an expected outcome (validation,
/// a missing optional service) rather than an exceptional one.
template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const noexcept { return std::holds_alternative<T>(state_); }
    explicit operator bool() const noexcept { return ok(); }

    /// The value; throws PluginError with the stored error when there is none.
    const T& value() const& {
        if (!ok()) {
            throw PluginError(std::get<Error>(state_));
        }
        return std::get<T>(state_);
    }
    T&& value() && {
        if (!ok()) {
            throw PluginError(std::get<Error>(state_));
        }
        return std::get<T>(std::move(state_));
    }
    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

/// A Result that carries no value: success, or an Error.
template <>
class Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)) {}

    bool ok() const noexcept { return !error_.has_value(); }
    explicit operator bool() const noexcept { return ok(); }
    const Error& error() const { return *error_; }
    void check() const {
        if (error_) {
            throw PluginError(*error_);
        }
    }

private:
    std::optional<Error> error_;
};

}  // namespace tessera::sdk
