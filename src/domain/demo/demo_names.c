#include "domain/demo/demo_names.h"

#define LIST(name, ...)                                                                            \
	static const struct weighted name##_items[] = {__VA_ARGS__};                               \
	struct word_list name = {name##_items, sizeof(name##_items) / sizeof(name##_items[0]), 0}

/* Family names, weights in tenths of a percent of the population. */
LIST(demo_family_names, {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70}, {"Huỳnh", 30},
     {"Hoàng", 21}, {"Phan", 45}, {"Võ", 25}, {"Vũ", 14}, {"Đặng", 21}, {"Bùi", 20}, {"Đỗ", 14},
     {"Hồ", 13}, {"Ngô", 13}, {"Dương", 10}, {"Lý", 5}, {"Trương", 8}, {"Đinh", 6}, {"Lâm", 5},
     {"Mai", 5}, {"Đoàn", 5}, {"Cao", 4}, {"Tô", 3}, {"Châu", 3}, {"Thái", 3}, {"Lương", 3},
     {"Tạ", 3}, {"Quách", 2});

LIST(demo_male_middle, {"Văn", 40}, {"Hữu", 8}, {"Đức", 8}, {"Minh", 10}, {"Quốc", 7}, {"Thanh", 6},
     {"Công", 5}, {"Hoàng", 4}, {"Quang", 5}, {"Tuấn", 3}, {"Gia", 4}, {"Anh", 3}, {"Ngọc", 2},
     {"Thế", 3}, {"Trọng", 3});

LIST(demo_female_middle, {"Thị", 45}, {"Ngọc", 10}, {"Thu", 6}, {"Kim", 6}, {"Thanh", 5}, {"Mỹ", 5},
     {"Hồng", 4}, {"Phương", 4}, {"Bích", 3}, {"Thùy", 4}, {"Minh", 3}, {"Bảo", 3}, {"Khánh", 2},
     {"Diễm", 2});

LIST(demo_male_given, {"An", 3}, {"Bảo", 4}, {"Bình", 3}, {"Cường", 3}, {"Dũng", 4}, {"Duy", 3},
     {"Đạt", 4}, {"Đức", 3}, {"Hải", 4}, {"Hào", 2}, {"Hiếu", 3}, {"Hoàng", 3}, {"Hùng", 5},
     {"Huy", 5}, {"Khang", 3}, {"Khánh", 3}, {"Khoa", 3}, {"Kiên", 2}, {"Lâm", 2}, {"Long", 4},
     {"Lộc", 3}, {"Minh", 5}, {"Nam", 5}, {"Nghĩa", 3}, {"Nhân", 3}, {"Phát", 3}, {"Phong", 3},
     {"Phúc", 4}, {"Quang", 3}, {"Quân", 3}, {"Sơn", 4}, {"Tài", 3}, {"Tâm", 3}, {"Thắng", 4},
     {"Thành", 5}, {"Thiện", 2}, {"Thịnh", 3}, {"Toàn", 3}, {"Trí", 3}, {"Trung", 4}, {"Tuấn", 5},
     {"Vinh", 3}, {"Việt", 3}, {"Vũ", 3}, {"Tú", 2}, {"Lực", 2}, {"Hưng", 4}, {"Thông", 2});

LIST(demo_female_given, {"Anh", 4}, {"Ánh", 3}, {"Bích", 2}, {"Châu", 3}, {"Chi", 3}, {"Diệp", 2},
     {"Dung", 3}, {"Duyên", 3}, {"Giang", 3}, {"Hà", 4}, {"Hạnh", 3}, {"Hằng", 4}, {"Hiền", 4},
     {"Hoa", 4}, {"Hồng", 3}, {"Hương", 5}, {"Huyền", 4}, {"Lan", 5}, {"Liên", 3}, {"Linh", 5},
     {"Loan", 3}, {"Mai", 5}, {"My", 4}, {"Nga", 4}, {"Ngân", 3}, {"Ngọc", 4}, {"Nhi", 4},
     {"Nhung", 3}, {"Oanh", 2}, {"Phương", 4}, {"Quyên", 2}, {"Tâm", 3}, {"Thảo", 5}, {"Thanh", 3},
     {"Thơ", 2}, {"Thu", 4}, {"Thủy", 4}, {"Trang", 5}, {"Trâm", 3}, {"Tuyết", 3}, {"Uyên", 3},
     {"Vân", 3}, {"Vy", 4}, {"Yến", 4}, {"Xuân", 2}, {"Lệ", 2});

/* Streets of the kind found in a city of Bình Dương (names only; the
 * numbers put on them are invented). */
LIST(demo_streets, {"Nguyễn An Ninh", 3}, {"Trần Hưng Đạo", 3}, {"Lý Thường Kiệt", 3}, {"ĐT743", 4},
     {"Lê Hồng Phong", 3}, {"Nguyễn Thị Minh Khai", 3}, {"Cô Bắc", 2}, {"Cô Giang", 2},
     {"Trần Quang Diệu", 2}, {"Võ Thị Sáu", 2}, {"Hai Bà Trưng", 3}, {"Đường số 5", 2},
     {"Đường số 9", 2}, {"Nguyễn Trãi", 3}, {"Lê Trọng Tấn", 2}, {"Bùi Thị Xuân", 2},
     {"Thống Nhất", 3}, {"Mồi", 2}, {"Chiêu Liêu", 2}, {"Đông Minh", 2}, {"Truông Tre", 2},
     {"Tân Lập", 2}, {"Hoàng Hoa Thám", 2});

LIST(demo_phone_prefixes, {"090", 5}, {"091", 5}, {"093", 4}, {"094", 3}, {"096", 4}, {"097", 5},
     {"098", 5}, {"032", 3}, {"033", 3}, {"034", 3}, {"035", 3}, {"036", 3}, {"037", 3}, {"038", 3},
     {"039", 3}, {"070", 2}, {"076", 2}, {"077", 2}, {"078", 2}, {"079", 2}, {"081", 2}, {"083", 2},
     {"085", 2}, {"086", 2}, {"088", 2}, {"089", 2});
